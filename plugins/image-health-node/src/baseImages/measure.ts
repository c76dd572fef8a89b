import type { ImageReference } from '../dockerfile/model';
import {
  canonicalHost,
  formatPlatform,
  isRegistryError,
  parsePlatform,
  pickPlatform,
  type Platform,
  type RegistryClient,
  type RegistryReference,
} from '../registry';
import {
  compareCycles,
  daysLeft,
  endOfLife,
  productOf,
  publishedVariants,
  readTag,
  recommendedCycle,
  type TagReading,
} from '../rules/base-image/endOfLife';
import { NEARING_END_OF_LIFE_DAYS } from '../rules/base-image/base-image-nearing-end-of-life';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Slimmer variants looked for, glibc first: `slim` keeps apt/glibc binaries working, `alpine` is musl. */
const SLIM_VARIANTS = ['slim', 'alpine'];

/** A tag that exists in the registry, with the compressed size its manifest states. */
export interface MeasuredTag {
  tag: string;
  /** Config plus layers of the platform's image, from manifests only (no blob is downloaded). */
  compressedBytes: number;
  variant?: string;
}

/** What the registry says about a base image and the tags it could move to. */
export interface BaseImageMeasurement {
  /** Registry host the tags and sizes were read from (the image's own or its configured mirror). */
  registry: string;
  /** `YYYY-MM-DD`. */
  measuredAt: string;
  platform: string;
  /** The repository as the Dockerfile names it (`node`, `mcr.microsoft.com/dotnet/aspnet`). */
  repository: string;
  current?: MeasuredTag;
  /** The newest patch tag of the same cycle and variant (`18.20.8-alpine` for `18-alpine`). */
  newestInCycle?: MeasuredTag;
  /** The supported cycle to move to when the current one has ended or is ending, same variant. */
  recommended?: MeasuredTag;
  /** Slimmer variants of the cycle the image should be on, smaller than it would be without them. */
  slimmer: MeasuredTag[];
  /** The listing stopped at its bound: a newer tag may exist. */
  tagListIncomplete: boolean;
}

export interface BaseImageMeasurerOptions {
  client: RegistryClient;
  /** Configured pull-through mirrors: `docker.io` → `registry.internal:5000`. */
  mirrors?: Record<string, string>;
  platform?: string;
  /** How long a repository's tags and sizes are kept (default a day). */
  cacheTtlMs?: number;
  now?: () => Date;
}

/** Measures a tag; undefined when it is not offered. */
type TagMeasurer = (
  tag: string,
  variant?: string,
) => Promise<MeasuredTag | undefined>;

/** The listed tags that can be offered: readable, not Windows, not pinned to a distribution release. */
function listedReadings(
  product: string,
  tags: string[],
): Map<string, TagReading> {
  const readings = new Map<string, TagReading>();
  for (const tag of tags) {
    const reading = readTag(product, tag);
    if (reading && !reading.windows && reading.distributions.length === 0)
      readings.set(tag, reading);
  }
  return readings;
}

function variantKey(reading: TagReading): string {
  return reading.variants.join('-');
}

/** The tag suffix of variants: `['jre', 'alpine']` → `-jre-alpine`. */
function variantSuffix(variants: string[]): string {
  return variants.map(v => `-${v}`).join('');
}

/** The listed tag with the newest full version of the current tag's cycle and variants (`18.20.8-alpine` for `18-alpine`). */
function newestInCycle(
  readings: Map<string, TagReading>,
  current: TagReading,
): string | undefined {
  let newest: string | undefined;
  for (const [tag, r] of readings) {
    if (r.cycle !== current.cycle || variantKey(r) !== variantKey(current))
      continue;
    if (!r.version || r.version.length <= current.cycle.split('.').length)
      continue;
    if (
      !newest ||
      compareCycles(
        r.version.join('.'),
        readings.get(newest)!.version!.join('.'),
      ) > 0
    )
      newest = tag;
  }
  return newest;
}

/** The target cycle's slim variants that the current tag lacks and the product publishes, kept when smaller than `reference`; glibc first. */
async function slimmerVariants(
  product: string,
  current: TagReading,
  target: string,
  reference: MeasuredTag,
  size: TagMeasurer,
): Promise<MeasuredTag[]> {
  const slimmer: MeasuredTag[] = [];
  for (const variant of SLIM_VARIANTS) {
    if (current.variants.includes(variant)) continue;
    if (!publishedVariants(product).includes(variant)) continue;
    const found = await size(`${target}-${variant}`, variant);
    if (found && found.compressedBytes < reference.compressedBytes)
      slimmer.push(found);
  }
  return slimmer;
}

/**
 * Reads base-image tags and sizes from the registries the operator allows:
 * the image's own registry when it is configured, else its configured mirror;
 * never another host. One tag listing and two manifest requests per measured
 * tag, cached per repository.
 */
export class BaseImageMeasurer {
  private readonly cache = new Map<
    string,
    { at: number; value: Promise<BaseImageMeasurement | undefined> }
  >();
  private readonly platform: Platform;
  private readonly ttl: number;
  private readonly now: () => Date;

  constructor(private readonly options: BaseImageMeasurerOptions) {
    this.platform = parsePlatform(options.platform ?? 'linux/amd64');
    this.ttl = options.cacheTtlMs ?? DAY_MS;
    this.now = options.now ?? (() => new Date());
  }

  /** The measurement for a FROM image; undefined when no allowed registry has it or it is not a known product. */
  measure(image: ImageReference): Promise<BaseImageMeasurement | undefined> {
    const product = productOf(image);
    if (!product || !image.tag || image.unresolved)
      return Promise.resolve(undefined);
    const source = this.sourceOf(image);
    if (!source) return Promise.resolve(undefined);
    const key = `${source.host}/${source.repository}:${image.tag}`;
    const cached = this.cache.get(key);
    const at = this.now().getTime();
    if (cached && at - cached.at < this.ttl) return cached.value;
    const value = this.read(product, image, source).catch(error => {
      // A registry that cannot answer leaves the static estimate in place.
      if (isRegistryError(error)) return undefined;
      throw error;
    });
    this.cache.set(key, { at, value });
    return value;
  }

  /** Where to read an image's tags: its own registry if configured, else a configured mirror. */
  private sourceOf(image: ImageReference): RegistryReference | undefined {
    const host = canonicalHost(image.registry ?? 'docker.io');
    const dockerHub = host === 'docker.io';
    const repository =
      dockerHub && !image.repository.includes('/')
        ? `library/${image.repository}`
        : image.repository;
    // A mirror may be a host or a host with a path prefix (a Harbor proxy project).
    const mirror = this.options.mirrors?.[host];
    const slash = mirror?.indexOf('/') ?? -1;
    const candidates: RegistryReference[] = [
      { kind: 'registry', host, repository },
    ];
    if (mirror)
      candidates.push({
        kind: 'registry',
        host: slash < 0 ? mirror : mirror.slice(0, slash),
        repository:
          slash < 0 ? repository : `${mirror.slice(slash + 1)}/${repository}`,
      });
    for (const candidate of candidates) {
      try {
        this.options.client.registryFor(candidate.host);
        return candidate;
      } catch {
        // not configured: the next candidate, or no measurement
      }
    }
    return undefined;
  }

  private async read(
    product: string,
    image: ImageReference,
    source: RegistryReference,
  ): Promise<BaseImageMeasurement | undefined> {
    const current = readTag(product, image.tag!);
    if (!current || current.windows) return undefined;
    const { tags, complete } = await this.options.client.listTags(source);
    const readings = listedReadings(product, tags);
    const now = this.now();

    // The cycle the image should be on: its own, unless that has ended or is ending.
    const eol = endOfLife(product, current.cycle);
    const ending = eol && daysLeft(eol.eol, now) <= NEARING_END_OF_LIFE_DAYS;
    const target = ending
      ? recommendedCycle(product, current.cycle, now)?.cycle
      : current.cycle;

    // A tag the listing does not have, or whose manifest cannot be read, is not offered.
    const size: TagMeasurer = async (tag, variant) => {
      if (!readings.has(tag) && tag !== image.tag) return undefined;
      try {
        return {
          tag,
          compressedBytes: await this.compressedSize(source, tag),
          variant,
        };
      } catch {
        return undefined;
      }
    };

    const newest = newestInCycle(readings, current);
    const keep = current.variants.filter(v =>
      publishedVariants(product).includes(v),
    );
    const measured: BaseImageMeasurement = {
      registry: source.host,
      measuredAt: now.toISOString().slice(0, 10),
      platform: formatPlatform(this.platform),
      repository: image.resolved.slice(
        0,
        image.resolved.length - image.tag!.length - 1,
      ),
      current: await size(image.tag!),
      newestInCycle: newest ? await size(newest) : undefined,
      recommended:
        ending && target
          ? await size(`${target}${variantSuffix(keep)}`)
          : undefined,
      slimmer: [],
      tagListIncomplete: !complete,
    };
    const reference = measured.recommended ?? measured.current;
    if (target && reference)
      measured.slimmer = await slimmerVariants(
        product,
        current,
        target,
        reference,
        size,
      );
    return measured;
  }

  /** The platform image's config and layer sizes, summed from its manifest (an index is followed once). */
  private async compressedSize(
    source: RegistryReference,
    tag: string,
  ): Promise<number> {
    const client = this.options.client;
    let { manifest } = await client.getManifest(source, tag);
    if (manifest.kind === 'index') {
      const child = pickPlatform(manifest, this.platform);
      if (!child)
        throw new Error(`${tag} has no ${formatPlatform(this.platform)} image`);
      manifest = (await client.getManifest(source, child.digest)).manifest;
      if (manifest.kind !== 'manifest')
        throw new Error(`${tag}: an index inside an index`);
    }
    return (
      manifest.config.size +
      manifest.layers.reduce((total, layer) => total + layer.size, 0)
    );
  }
}
