import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import {
  formatPlatform,
  formatReference,
  ManifestFormatError,
  parseManifest,
  pickPlatform,
  platformManifests,
  RegistryClient,
  RegistryError,
  sha256Digest,
  type AnyManifest,
  type Descriptor,
  type ImageConfig,
  type ImageIndex,
  type ImageManifest,
  type LocalReference,
  type Platform,
  type RegistryReference,
} from '../registry';

/** One platform's image, resolved: what shallow inspection reads. */
export interface ResolvedImage {
  /** Digest of what the reference points at (an index for multi-arch images). */
  digest: string;
  /** Digest of the chosen platform's manifest. */
  manifestDigest: string;
  manifest: ImageManifest;
  config: ImageConfig;
  /** `os/arch[/variant]` of the chosen image. */
  platform: string;
  /** Every platform the reference offers. */
  platforms: string[];
}

/**
 * Where an image comes from. Like dive's resolvers, everything after this
 * interface (layer reading, the file tree, findings) is the same for all.
 */
export interface ImageSource {
  /** How the user named the image. */
  readonly name: string;
  resolve(platform: Platform): Promise<ResolvedImage>;
  /** A layer blob as a stream of its stored (usually compressed) bytes. */
  openBlob(layer: Descriptor): Promise<Readable>;
}

function platformOfConfig(config: ImageConfig): string {
  return formatPlatform({
    os: config.os ?? 'unknown',
    architecture: config.architecture ?? 'unknown',
    variant: config.variant,
  });
}

/** The platform comes from the config; a single-platform image offers just that one. */
export function resolvedImage(
  digest: string,
  manifestDigest: string,
  manifest: ImageManifest,
  config: ImageConfig,
  indexPlatforms: string[],
): ResolvedImage {
  const platform = platformOfConfig(config);
  return {
    digest,
    manifestDigest,
    manifest,
    config,
    platform,
    platforms: indexPlatforms.length ? indexPlatforms : [platform],
  };
}

function noPlatformError(
  host: string,
  name: string,
  wanted: Platform,
  index: ImageIndex,
): RegistryError {
  const offered = platformManifests(index).map(m =>
    formatPlatform(m.platform!),
  );
  return new RegistryError({
    kind: 'unsupported',
    host,
    message: `${name} has no ${formatPlatform(wanted)} image (it has ${
      offered.join(', ') || 'no platforms'
    }): set imageHealth.platform or --platform to one of them`,
  });
}

/** An image in an OCI Distribution registry. */
export class RegistrySource implements ImageSource {
  readonly name: string;
  constructor(
    private readonly client: RegistryClient,
    private readonly ref: RegistryReference,
  ) {
    this.name = formatReference(ref);
  }

  async resolve(wanted: Platform): Promise<ResolvedImage> {
    const top = await this.client.getManifest(this.ref);
    let manifest = top.manifest;
    let manifestDigest = top.digest;
    let platforms: string[] = [];
    if (manifest.kind === 'index') {
      platforms = platformManifests(manifest).map(m =>
        formatPlatform(m.platform!),
      );
      const child = pickPlatform(manifest, wanted);
      if (!child)
        throw noPlatformError(this.ref.host, this.name, wanted, manifest);
      const fetched = await this.client.getManifest(this.ref, child.digest);
      if (fetched.manifest.kind !== 'manifest') {
        throw new RegistryError({
          kind: 'unsupported',
          host: this.ref.host,
          repository: this.ref.repository,
          message: `${this.name}: the ${formatPlatform(
            wanted,
          )} entry of the index is itself an index, which is not supported`,
        });
      }
      manifest = fetched.manifest;
      manifestDigest = fetched.digest;
    }
    const config = await this.client.getBlobJson<ImageConfig>(
      this.ref,
      manifest.config.digest,
    );
    return resolvedImage(
      top.digest,
      manifestDigest,
      manifest,
      config,
      platforms,
    );
  }

  openBlob(layer: Descriptor): Promise<Readable> {
    return this.client.openBlob(this.ref, layer.digest);
  }
}

/** A local source that cannot be read, and why. */
export function localError(name: string, reason: string): RegistryError {
  return new RegistryError({
    kind: 'protocol',
    host: 'local',
    message: `${name}: ${reason}`,
  });
}

async function readVerified(
  name: string,
  path: string,
  digest: string,
  maxBytes = 16 * 1024 * 1024,
): Promise<Buffer> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw localError(name, `blob ${digest} is missing (${path})`);
  if (info.size > maxBytes)
    throw localError(name, `blob ${digest} is larger than ${maxBytes} bytes`);
  const bytes = await readFile(path);
  if (digest.startsWith('sha256:') && sha256Digest(bytes) !== digest) {
    throw new RegistryError({
      kind: 'digest-mismatch',
      host: 'local',
      message: `${name}: blob ${digest} does not match its digest (got ${sha256Digest(
        bytes,
      )}): the layout is corrupt`,
    });
  }
  return bytes;
}

function parseOrFail(name: string, bytes: Buffer, what: string): AnyManifest {
  try {
    return parseManifest(bytes);
  } catch (error) {
    if (error instanceof ManifestFormatError)
      throw localError(name, `${what} cannot be read: ${error.message}`);
    throw error;
  }
}

/** An OCI image layout directory (`oci:<dir>[:tag]`), e.g. from `buildah push oci:` or `skopeo copy`. */
export class OciLayoutSource implements ImageSource {
  readonly name: string;
  constructor(private readonly ref: LocalReference) {
    this.name = `oci:${ref.path}${ref.tag ? `:${ref.tag}` : ''}`;
  }

  private blobPath(digest: string): string {
    const [algorithm, hex] = digest.split(':');
    if (
      !algorithm ||
      !hex ||
      !/^[a-z0-9]+$/.test(algorithm) ||
      !/^[a-f0-9]+$/.test(hex)
    ) {
      throw localError(this.name, `"${digest}" is not a digest`);
    }
    return join(this.ref.path, 'blobs', algorithm, hex);
  }

  async resolve(wanted: Platform): Promise<ResolvedImage> {
    const top = this.chooseImage(await this.readLayoutIndex());
    const topBytes = await readVerified(
      this.name,
      this.blobPath(top.digest),
      top.digest,
    );
    let manifest = parseOrFail(this.name, topBytes, `manifest ${top.digest}`);
    let manifestDigest = top.digest;
    let platforms: string[] = [];
    if (manifest.kind === 'index') {
      platforms = platformManifests(manifest).map(m =>
        formatPlatform(m.platform!),
      );
      const child = pickPlatform(manifest, wanted);
      if (!child) throw noPlatformError('local', this.name, wanted, manifest);
      manifest = parseOrFail(
        this.name,
        await readVerified(
          this.name,
          this.blobPath(child.digest),
          child.digest,
        ),
        `manifest ${child.digest}`,
      );
      manifestDigest = child.digest;
    }
    if (manifest.kind !== 'manifest')
      throw localError(this.name, 'nested indexes are not supported');
    const config = JSON.parse(
      (
        await readVerified(
          this.name,
          this.blobPath(manifest.config.digest),
          manifest.config.digest,
        )
      ).toString('utf8'),
    ) as ImageConfig;
    return resolvedImage(
      top.digest,
      manifestDigest,
      manifest,
      config,
      platforms,
    );
  }

  /** The layout's index.json: the images it holds, by tag. */
  private async readLayoutIndex(): Promise<ImageIndex> {
    let indexBytes: Buffer;
    try {
      indexBytes = await readFile(join(this.ref.path, 'index.json'));
    } catch {
      throw localError(
        this.name,
        `${join(
          this.ref.path,
          'index.json',
        )} cannot be read: is it an OCI image layout?`,
      );
    }
    const layoutIndex = parseOrFail(this.name, indexBytes, 'index.json');
    if (layoutIndex.kind !== 'index')
      throw localError(this.name, 'index.json is not an image index');
    return layoutIndex;
  }

  /** The image the reference's tag names, or the layout's only image. */
  private chooseImage(layoutIndex: ImageIndex): Descriptor {
    const refName = (d: Descriptor) =>
      d.annotations?.['org.opencontainers.image.ref.name'];
    if (this.ref.tag) {
      const tagged = layoutIndex.manifests.find(
        d => refName(d) === this.ref.tag,
      );
      if (!tagged) {
        const tags = layoutIndex.manifests.map(refName).filter(Boolean);
        throw localError(
          this.name,
          `the layout has no tag "${this.ref.tag}" (it has ${
            tags.join(', ') || 'none'
          })`,
        );
      }
      return tagged;
    }
    if (layoutIndex.manifests.length === 1) return layoutIndex.manifests[0];
    const tags = layoutIndex.manifests.map(refName).filter(Boolean);
    throw localError(
      this.name,
      `the layout holds ${
        layoutIndex.manifests.length
      } images: name one as oci:<dir>:<tag> (${tags.join(', ')})`,
    );
  }

  async openBlob(layer: Descriptor): Promise<Readable> {
    const path = this.blobPath(layer.digest);
    if (!(await stat(path).catch(() => undefined)))
      throw localError(this.name, `layer ${layer.digest} is missing (${path})`);
    return createReadStream(path, { highWaterMark: 256 * 1024 });
  }
}
