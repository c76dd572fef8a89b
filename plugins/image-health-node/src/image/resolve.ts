import type { Layer } from '@image-health/plugin-image-health-common';
import {
  parsePlatform,
  parseReference,
  RegistryClient,
  RegistryError,
  type Descriptor,
  type ImageConfig,
  type Platform,
} from '../registry';
import { DockerArchiveSource } from './dockerArchive';
import { OciLayoutSource, RegistrySource, type ImageSource } from './sources';

const DEFAULT_PLATFORM = 'linux/amd64';

/** The platform to score: the caller's override, else the configured one, else linux/amd64. */
export function platformOf(override?: string, configured?: string): Platform {
  return parsePlatform(override ?? configured ?? DEFAULT_PLATFORM);
}

/**
 * Where an image reference is read from: a configured registry, or (for the
 * CLI only) a local OCI layout or docker-archive.
 */
export function openSource(
  ref: string,
  client: RegistryClient,
  allowLocalSources: boolean,
): ImageSource {
  const parsed = parseReference(ref);
  if (parsed.kind === 'registry') {
    client.registryFor(parsed.host);
    return new RegistrySource(client, parsed);
  }
  if (!allowLocalSources) {
    throw new RegistryError({
      kind: 'not-configured',
      host: 'local',
      message: `${ref} is a local source; only the CLI reads local images`,
    });
  }
  return parsed.kind === 'oci'
    ? new OciLayoutSource(parsed)
    : new DockerArchiveSource(parsed);
}

/** Every history line, with the layer it made (empty-layer lines included). */
export function layerList(
  descriptors: Descriptor[],
  config: ImageConfig,
): Layer[] {
  const out: Layer[] = [];
  let next = 0;
  for (const h of config.history ?? []) {
    if (h.empty_layer) {
      out.push({
        digest: '',
        compressedBytes: 0,
        createdBy: h.created_by ?? '',
        emptyLayer: true,
      });
    } else if (next < descriptors.length) {
      const d = descriptors[next++];
      out.push({
        digest: d.digest,
        compressedBytes: d.size,
        createdBy: h.created_by ?? '',
        emptyLayer: false,
      });
    }
  }
  for (; next < descriptors.length; next++) {
    const d = descriptors[next];
    out.push({
      digest: d.digest,
      compressedBytes: d.size,
      createdBy: '',
      emptyLayer: false,
    });
  }
  return out;
}
