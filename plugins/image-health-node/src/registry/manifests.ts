import { sha256Digest } from './digests';
import { protocolError, RegistryError } from './errors';
import type { RegistryReference } from './reference';
import {
  drain,
  header,
  readLimited,
  type Authorizer,
  type RegistryTransport,
} from './transport';
import { isRecord } from '../jsonValues';

/**
 * Manifests of the OCI image spec and Docker's v2 schema 2: the media types the
 * client asks for, fetching one with its digest verified, parsing it, and the
 * choice of one platform from an index.
 */

export const MEDIA_TYPES = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  dockerSchema1: 'application/vnd.docker.distribution.manifest.v1+json',
  dockerSchema1Signed:
    'application/vnd.docker.distribution.manifest.v1+prettyjws',
} as const;

/** Every manifest type we read; distribution answers 404 for OCI ones unless asked for. */
export const MANIFEST_ACCEPT = [
  MEDIA_TYPES.ociIndex,
  MEDIA_TYPES.ociManifest,
  MEDIA_TYPES.dockerList,
  MEDIA_TYPES.dockerManifest,
].join(', ');

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: Platform;
  annotations?: Record<string, string>;
  urls?: string[];
}

export interface ImageIndex {
  kind: 'index';
  mediaType: string;
  manifests: Descriptor[];
  annotations?: Record<string, string>;
}

export interface ImageManifest {
  kind: 'manifest';
  mediaType: string;
  config: Descriptor;
  layers: Descriptor[];
  annotations?: Record<string, string>;
}

export type AnyManifest = ImageIndex | ImageManifest;

/** The image config blob, the parts we read. */
export interface ImageConfig {
  created?: string;
  architecture?: string;
  os?: string;
  variant?: string;
  config?: {
    User?: string;
    ExposedPorts?: Record<string, unknown>;
    Env?: string[];
    Entrypoint?: string[] | null;
    Cmd?: string[] | null;
    WorkingDir?: string;
    Labels?: Record<string, string> | null;
    Healthcheck?: {
      Test?: string[];
      Interval?: number;
      Timeout?: number;
      Retries?: number;
    };
  };
  rootfs?: { type: string; diff_ids: string[] };
  history?: Array<{
    created?: string;
    created_by?: string;
    empty_layer?: boolean;
    comment?: string;
  }>;
}

/** Why a manifest body could not be read, without the body itself. */
export class ManifestFormatError extends Error {}

function readDescriptor(value: unknown, where: string): Descriptor {
  if (
    !isRecord(value) ||
    typeof value.digest !== 'string' ||
    typeof value.size !== 'number'
  ) {
    throw new ManifestFormatError(
      `${where} is not a descriptor with digest and size`,
    );
  }
  return {
    mediaType: typeof value.mediaType === 'string' ? value.mediaType : '',
    digest: value.digest,
    size: value.size,
    platform: isRecord(value.platform)
      ? {
          os: String(value.platform.os ?? ''),
          architecture: String(value.platform.architecture ?? ''),
          variant: value.platform.variant
            ? String(value.platform.variant)
            : undefined,
        }
      : undefined,
    annotations: annotationsOf(value.annotations),
    urls: Array.isArray(value.urls) ? value.urls : undefined,
  };
}

/**
 * Parses a manifest body. `contentType` is the response's Content-Type; the
 * body's own mediaType wins when present (OCI layouts have no header).
 */
export function parseManifest(
  body: Buffer | string,
  contentType?: string,
): AnyManifest {
  let json: unknown;
  try {
    json = JSON.parse(typeof body === 'string' ? body : body.toString('utf8'));
  } catch {
    throw new ManifestFormatError('the manifest is not JSON');
  }
  if (!isRecord(json))
    throw new ManifestFormatError('the manifest is not a JSON object');
  const mediaType: string =
    (typeof json.mediaType === 'string' && json.mediaType) ||
    (contentType ?? '').split(';')[0].trim() ||
    (Array.isArray(json.manifests)
      ? MEDIA_TYPES.ociIndex
      : MEDIA_TYPES.ociManifest);
  if (
    json.schemaVersion === 1 ||
    mediaType.startsWith(MEDIA_TYPES.dockerSchema1)
  ) {
    throw new ManifestFormatError(
      'the manifest is Docker schema 1, which registries no longer serve for new images; push the image again with a current client',
    );
  }
  if (Array.isArray(json.manifests)) {
    return {
      kind: 'index',
      mediaType,
      manifests: json.manifests.map((m: unknown, i: number) =>
        readDescriptor(m, `manifests[${i}]`),
      ),
      annotations: annotationsOf(json.annotations),
    };
  }
  if (!Array.isArray(json.layers))
    throw new ManifestFormatError('the manifest has no layers');
  return {
    kind: 'manifest',
    mediaType,
    config: readDescriptor(json.config, 'config'),
    layers: json.layers.map((l: unknown, i: number) =>
      readDescriptor(l, `layers[${i}]`),
    ),
    annotations: annotationsOf(json.annotations),
  };
}

export function formatPlatform(p: Platform): string {
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/');
}

export function parsePlatform(value: string): Platform {
  const [os, architecture, variant] = value.split('/');
  if (!os || !architecture) {
    throw new Error(
      `"${value}" is not a platform: write os/arch[/variant], e.g. linux/amd64`,
    );
  }
  return { os, architecture, variant };
}

/** The image manifests of an index that are real platforms (attestations excluded). */
export function platformManifests(index: ImageIndex): Descriptor[] {
  return index.manifests.filter(
    m =>
      m.platform &&
      m.platform.os !== 'unknown' &&
      m.annotations?.['vnd.docker.reference.type'] !== 'attestation-manifest',
  );
}

/** Picks the wanted platform; a missing variant matches any (arm64 → arm64/v8). */
export function pickPlatform(
  index: ImageIndex,
  wanted: Platform,
): Descriptor | undefined {
  const candidates = platformManifests(index).filter(
    m =>
      m.platform!.os === wanted.os &&
      m.platform!.architecture === wanted.architecture,
  );
  if (wanted.variant) {
    return candidates.find(m => m.platform!.variant === wanted.variant);
  }
  return candidates[0];
}

export interface FetchedManifest {
  manifest: AnyManifest;
  digest: string;
  /** The exact bytes the digest covers. */
  bytes: Buffer;
}

const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

/** The manifest a tag or digest points at, with its digest verified. */
export async function fetchManifest(
  transport: RegistryTransport,
  auth: Authorizer,
  ref: RegistryReference,
  reference?: string,
): Promise<FetchedManifest> {
  const target = reference ?? ref.digest ?? ref.tag ?? 'latest';
  const res = await transport.send(
    ref,
    {
      method: 'GET',
      path: `/v2/${ref.repository}/manifests/${target}`,
      accept: MANIFEST_ACCEPT,
      kind: 'manifest',
      what: `manifest ${target}`,
    },
    auth,
  );
  let bytes: Buffer;
  try {
    bytes = await readLimited(res.body, MAX_MANIFEST_BYTES);
  } catch (error) {
    throw protocolError(
      ref,
      `the manifest ${target} could not be read (${(error as Error).message})`,
    );
  }
  const actual = sha256Digest(bytes);
  const expected = target.includes(':')
    ? target
    : header(res, 'docker-content-digest');
  if (expected && expected.startsWith('sha256:') && expected !== actual) {
    throw new RegistryError({
      kind: 'digest-mismatch',
      host: ref.host,
      repository: ref.repository,
      message: `registry ${ref.host} sent a manifest for ${ref.repository} whose content does not match its digest ${expected} (got ${actual}): the registry's storage may be corrupt`,
    });
  }
  let manifest: AnyManifest;
  try {
    manifest = parseManifest(bytes, header(res, 'content-type'));
  } catch (error) {
    if (error instanceof ManifestFormatError) {
      throw protocolError(
        ref,
        `the manifest ${target} cannot be read: ${error.message}`,
      );
    }
    throw error;
  }
  return {
    manifest,
    digest: expected && expected.startsWith('sha256:') ? expected : actual,
    bytes,
  };
}

/** The digest a tag points at now: one HEAD request. */
export async function resolveManifestDigest(
  transport: RegistryTransport,
  auth: Authorizer,
  ref: RegistryReference,
): Promise<string> {
  if (ref.digest) return ref.digest;
  const target = ref.tag ?? 'latest';
  const res = await transport.send(
    ref,
    {
      method: 'HEAD',
      path: `/v2/${ref.repository}/manifests/${target}`,
      accept: MANIFEST_ACCEPT,
      kind: 'head',
      what: `manifest ${target}`,
    },
    auth,
  );
  await drain(res);
  const digest = header(res, 'docker-content-digest');
  if (digest) return digest;
  // Registries need not send the header; the body's hash is the digest.
  return (await fetchManifest(transport, auth, ref, target)).digest;
}

/** Annotations as the OCI spec types them, string to string: entries of any other type are dropped. */
function annotationsOf(value: unknown): Record<string, string> | undefined {
  if (!isRecord(value)) return undefined;
  return Object.fromEntries(
    Object.entries(value).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
}
