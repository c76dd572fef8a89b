import type { ImageResult } from '@image-health/plugin-image-health-common';
import type { DockerfileModel } from '../dockerfile/model';
import {
  formatPlatform,
  parseReference,
  RegistryClient,
  type ImageConfig,
  type Platform,
  type RegistryReference,
} from '../registry';
import { finalBaseImage } from './dockerfileLink';
import { RegistrySource, type ResolvedImage } from './sources';

/** How long a base image's layers are trusted before its tag is asked again. */
const BASE_CACHE_MS = 10 * 60 * 1000;

interface BaseLayers {
  ref: string;
  digest: string;
  /** Compressed layer digests and the uncompressed diff_ids, in order. */
  layers: string[];
  diffIds: string[];
  at: number;
}

/** What is known of the image an image was built on. */
export type BaseMatch = Pick<
  ImageResult,
  | 'baseImage'
  | 'baseImageDigest'
  | 'baseImageSource'
  | 'baseImageShare'
  | 'baseImageOutdated'
>;

function isPrefix(prefix: string[], of: string[]): boolean {
  return (
    prefix.length > 0 &&
    prefix.length <= of.length &&
    prefix.every((d, i) => of[i] === d)
  );
}

/**
 * Finds the base image of an image: its OCI base annotation, else the
 * longest configured base whose layers the image starts with, else the
 * final FROM of its Dockerfile; and whether the base's tag moved on since.
 */
export class BaseImageFinder {
  private readonly cache = new Map<string, BaseLayers>();

  constructor(
    private readonly client: RegistryClient,
    /** Base images (references) matched by their leading layers. */
    private readonly candidates: string[] = [],
  ) {}

  async find(
    image: ResolvedImage,
    config: ImageConfig,
    platform: Platform,
    dockerfile: DockerfileModel | undefined,
  ): Promise<BaseMatch> {
    const annotations = {
      ...(config.config?.Labels ?? {}),
      ...(image.manifest.annotations ?? {}),
    };
    const annotated = annotations['org.opencontainers.image.base.name'];
    if (annotated) {
      const annotatedDigest =
        annotations['org.opencontainers.image.base.digest'];
      const base = await this.baseLayers(annotated, platform);
      const share = base && this.matchShare(base, image);
      return {
        baseImage: annotated,
        baseImageDigest: annotatedDigest,
        baseImageSource: 'annotation',
        baseImageShare: share,
        baseImageOutdated:
          base && annotatedDigest
            ? base.digest !== annotatedDigest && share === undefined
            : undefined,
      };
    }
    let best: { base: BaseLayers; share: number } | undefined;
    for (const ref of this.candidates) {
      const base = await this.baseLayers(ref, platform);
      const share = base && this.matchShare(base, image);
      if (
        base &&
        share !== undefined &&
        (!best || base.layers.length > best.base.layers.length)
      )
        best = { base, share };
    }
    if (best) {
      return {
        baseImage: best.base.ref,
        baseImageDigest: best.base.digest,
        baseImageSource: 'layers',
        baseImageShare: best.share,
        baseImageOutdated: false,
      };
    }
    const from = dockerfile && finalBaseImage(dockerfile);
    if (from) {
      const base = await this.baseLayers(from, platform);
      const share = base && this.matchShare(base, image);
      return {
        baseImage: from,
        baseImageDigest: base?.digest,
        baseImageSource: 'dockerfile',
        baseImageShare: share,
        // The tag's current layers are not under the image: it was built on an older base.
        baseImageOutdated: base ? share === undefined : undefined,
      };
    }
    return {};
  }

  private async baseLayers(
    ref: string,
    platform: Platform,
  ): Promise<BaseLayers | undefined> {
    const key = `${ref}|${formatPlatform(platform)}`;
    const cached = this.cache.get(key);
    if (cached && Date.now() - cached.at < BASE_CACHE_MS) return cached;
    let parsed: RegistryReference;
    try {
      const p = parseReference(ref);
      if (p.kind !== 'registry') return undefined;
      parsed = p;
      this.client.registryFor(parsed.host);
    } catch {
      return undefined;
    }
    try {
      // The tag's digest first (one HEAD): an unchanged base is served from the cache.
      const digest = await this.client.resolveDigest(parsed);
      if (cached && cached.digest === digest) {
        cached.at = Date.now();
        return cached;
      }
      const resolved = await new RegistrySource(this.client, parsed).resolve(
        platform,
      );
      const entry: BaseLayers = {
        ref,
        digest: resolved.digest,
        layers: resolved.manifest.layers.map(l => l.digest),
        diffIds: resolved.config.rootfs?.diff_ids ?? [],
        at: Date.now(),
      };
      this.cache.set(key, entry);
      return entry;
    } catch {
      // Base detection is best effort: the image's own result does not depend on it.
      return undefined;
    }
  }

  /** Share of the image's compressed bytes in the base's layers; undefined when it is not under the image. */
  private matchShare(
    base: BaseLayers,
    image: ResolvedImage,
  ): number | undefined {
    const layers = image.manifest.layers.map(l => l.digest);
    const diffIds = image.config.rootfs?.diff_ids ?? [];
    if (!isPrefix(base.layers, layers) && !isPrefix(base.diffIds, diffIds))
      return undefined;
    const total = image.manifest.layers.reduce((s, l) => s + l.size, 0);
    const n = base.layers.length || base.diffIds.length;
    const baseBytes = image.manifest.layers
      .slice(0, n)
      .reduce((s, l) => s + l.size, 0);
    return total ? baseBytes / total : 0;
  }
}
