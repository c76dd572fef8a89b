import type { Readable } from 'node:stream';
import type {
  Finding,
  ImageResult,
  Layer,
} from '@image-health/plugin-image-health-common';
import {
  analyzeTree,
  holdsPrivateKey,
  mayHoldPrivateKey,
  type PathGroup,
  type TreeFacts,
} from '../layers/analysis';
import { ImageFileTree } from '../layers/filetree';
import { LayerReadError, readLayer } from '../layers/reader';
import type { TarEntry } from '../layers/tar';
import { RegistryClient, type RequestStats } from '../registry/client';
import { RegistryError } from '../registry/errors';
import {
  formatPlatform,
  parsePlatform,
  type Descriptor,
  type ImageConfig,
  type Platform,
} from '../registry/manifest';
import { parseReference, type RegistryReference } from '../registry/reference';
import type { ImageInspectorOptions, InspectOptions } from '../registry/types';
import { configFacts } from './config';
import {
  finalBaseImage,
  instructionForHistory,
  parseInstructions,
  type DockerfileInstruction,
} from './dockerfileHints';
import { imageFinding } from './rules';
import {
  DockerArchiveSource,
  OciLayoutSource,
  RegistrySource,
  type ImageSource,
  type ResolvedImage,
} from './sources';

const DEFAULT_PLATFORM = 'linux/amd64';
const DEFAULT_MAX_LAYER_BYTES = 2 * 1024 ** 3;
const DEFAULT_MAX_ENTRIES = 500_000;
/** Layers read at once in deep analysis (the registry client also limits per host). */
const DEEP_PARALLEL_LAYERS = 3;
const BASE_CACHE_MS = 10 * 60 * 1000;
const LARGE_FILE_BYTES = 50 * 1024 * 1024;

interface BaseLayers {
  ref: string;
  digest: string;
  /** Compressed layer digests and the uncompressed diff_ids, in order. */
  layers: string[];
  diffIds: string[];
  sizes: number[];
  at: number;
}

interface BaseMatch {
  baseImage?: string;
  baseImageDigest?: string;
  baseImageSource?: ImageResult['baseImageSource'];
  baseImageShare?: number;
  baseImageOutdated?: boolean;
}

interface DeepResult {
  tree?: ImageFileTree;
  facts?: TreeFacts;
  uncompressed: number[];
  files: number;
  failure?: { layer: number; error: LayerReadError | RegistryError };
}

function mib(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} B`;
}

function isPrefix(prefix: string[], of: string[]): boolean {
  return (
    prefix.length > 0 &&
    prefix.length <= of.length &&
    prefix.every((d, i) => of[i] === d)
  );
}

/** What to append to a RUN so the cache never lands in its layer. */
const CACHE_CLEANUP: Record<string, string> = {
  'apt lists': 'rm -rf /var/lib/apt/lists/*',
  'apt archives': 'apt-get clean',
  'apk cache': 'rm -rf /var/cache/apk/*',
  'dnf/yum cache': 'dnf clean all',
  'pip cache': 'rm -rf /root/.cache/pip',
  'npm cache': 'npm cache clean --force',
  'yarn cache': 'yarn cache clean',
  'go build cache': 'go clean -cache',
  'maven repository': 'rm -rf /root/.m2/repository',
  'gradle cache': 'rm -rf /root/.gradle/caches',
};

/** Reads images where they live (registry or local source) and reports on them. */
export class ImageInspector {
  private readonly client: RegistryClient;
  private readonly baseCache = new Map<string, BaseLayers>();

  constructor(private readonly options: ImageInspectorOptions) {
    this.client = new RegistryClient({
      registries: options.registries,
      timeoutMs: options.timeoutMs,
      maxRetries: options.maxRetries,
      retryBaseMs: options.retryBaseMs,
      concurrencyPerRegistry: options.concurrencyPerRegistry,
      credentialsHint: options.credentialsHint,
    });
  }

  /** Requests sent so far, by kind (manifest, head, blob, token, redirect). */
  get requestStats(): RequestStats {
    return this.client.stats;
  }

  /** Closes kept-alive connections. */
  async close(): Promise<void> {
    await this.client.close();
  }

  /** The digest the reference points at now: one HEAD request for a registry tag. */
  async resolveDigest(ref: string): Promise<string> {
    const parsed = parseReference(ref);
    if (parsed.kind === 'registry') return this.client.resolveDigest(parsed);
    const resolved = await this.source(ref).resolve(this.platform());
    return resolved.digest;
  }

  async inspect(ref: string, opts: InspectOptions = {}): Promise<ImageResult> {
    const source = this.source(ref);
    const wanted = this.platform(opts.platform);
    const resolved = await source.resolve(wanted);
    const { manifest, config } = resolved;
    const facts = configFacts(config);
    const dockerfile = opts.dockerfile
      ? parseInstructions(opts.dockerfile.content)
      : undefined;

    const layers = this.layerList(manifest.layers, config);
    const compressedBytes = manifest.layers.reduce((sum, l) => sum + l.size, 0);
    const findings: Finding[] = [];
    const historyOf = (layerIndex: number) =>
      layers.filter(l => !l.emptyLayer)[layerIndex]?.createdBy ?? '';
    const locate = (layerIndex: number) => {
      const ins =
        dockerfile && instructionForHistory(dockerfile, historyOf(layerIndex));
      return ins && opts.dockerfile
        ? { ins, file: opts.dockerfile.location }
        : undefined;
    };

    if (facts.userIsRoot) {
      findings.push(
        imageFinding(
          'rootUser',
          facts.rootKind === 'implicit'
            ? `${source.name} runs as root: its config sets no USER`
            : `${source.name} runs as root: USER is "${facts.user}"${
                /^0+(:|$)/.test(facts.user) ? ' (uid 0)' : ''
              }`,
        ),
      );
    }
    if (facts.secretEnvNames.length) {
      // The ENV line that set the first of them, when the Dockerfile is known.
      const envLine = dockerfile?.find(
        ins =>
          ins.keyword === 'ENV' &&
          facts.secretEnvNames.some(name =>
            new RegExp(`(^|\\s)${name}[=\\s]`).test(ins.args),
          ),
      );
      findings.push(
        imageFinding(
          'secretEnv',
          `${
            source.name
          } bakes secret-looking environment variables into its config: ${facts.secretEnvNames.join(
            ', ',
          )}`,
          envLine && opts.dockerfile
            ? {
                file: opts.dockerfile.location,
                line: envLine.line,
                endLine: envLine.endLine,
              }
            : {},
        ),
      );
    }
    if (!facts.healthcheck) {
      findings.push(
        imageFinding('noHealthcheck', `${source.name} defines no HEALTHCHECK`),
      );
    }

    const base = await this.findBaseImage(resolved, config, wanted, dockerfile);
    if (base.baseImageOutdated) {
      findings.push(
        imageFinding(
          'baseOutdated',
          `${base.baseImage} now points to a newer build than the one ${source.name} was built on`,
        ),
      );
    }

    const deepEnabled =
      opts.deep ?? this.options.deepAnalysis?.enabled ?? false;
    let deep: DeepResult | undefined;
    if (deepEnabled) {
      deep = await this.deepAnalyze(source, manifest.layers);
      deep.uncompressed.forEach((bytes, i) => {
        const layer = layers.filter(l => !l.emptyLayer)[i];
        if (layer) {
          layer.uncompressedBytes = bytes;
          if (deep!.tree)
            layer.wastedBytes = deep!.tree.layerReclaimableBytes[i];
        }
      });
      if (deep.failure) {
        const { layer, error } = deep.failure;
        const digest = manifest.layers[layer]?.digest;
        const cap =
          error instanceof LayerReadError &&
          (error.reason === 'too-large' || error.reason === 'too-many-entries');
        findings.push(
          imageFinding(
            cap ? 'analysisCap' : 'unreadableLayer',
            `layer ${layer + 1} (${digest}) of ${source.name}: ${
              error.message
            }`,
            {
              layer: digest,
            },
          ),
        );
      } else if (deep.tree && deep.facts) {
        findings.push(
          ...this.treeFindings(
            source.name,
            deep.tree,
            deep.facts,
            manifest.layers,
            locate,
          ),
        );
      }
    }

    const createdAt =
      config.created && !Number.isNaN(Date.parse(config.created))
        ? config.created
        : undefined;
    const result: ImageResult = {
      // The reference exactly as the caller wrote it: callers match results by it.
      ref: ref.trim(),
      digest: resolved.digest,
      platform: resolved.platform,
      platforms: resolved.platforms,
      compressedBytes,
      layers,
      user: facts.user,
      userIsRoot: facts.userIsRoot,
      rootKind: facts.rootKind,
      createdAt,
      findings,
      os: config.os,
      architecture: config.variant
        ? `${config.architecture}/${config.variant}`
        : config.architecture,
      exposedPorts: facts.exposedPorts,
      labels: facts.labels,
      secretEnvNames: facts.secretEnvNames,
      healthcheck: facts.healthcheck,
      ageDays: createdAt
        ? Math.floor((Date.now() - Date.parse(createdAt)) / 86_400_000)
        : undefined,
      ...base,
    };
    if (deep) {
      const complete = !deep.failure && !!deep.tree;
      result.deepAnalysis = {
        complete,
        files: deep.files,
        reason: deep.failure?.error.message,
      };
      if (complete && deep.tree && deep.facts) {
        result.uncompressedBytes = deep.uncompressed.reduce((a, b) => a + b, 0);
        result.efficiency = deep.tree.efficiency;
        result.wastedBytes = deep.tree.wastedBytes;
        result.reclaimableBytes = deep.tree.reclaimableBytes;
        result.largestFiles = deep.facts.largestFiles.map(f => ({
          path: f.path,
          bytes: f.bytes,
          layer: manifest.layers[f.layer]?.digest ?? '',
        }));
      }
    }
    return result;
  }

  private platform(override?: string): Platform {
    return parsePlatform(override ?? this.options.platform ?? DEFAULT_PLATFORM);
  }

  private source(ref: string): ImageSource {
    const parsed = parseReference(ref);
    if (parsed.kind === 'registry') {
      this.client.registryFor(parsed.host);
      return new RegistrySource(this.client, parsed);
    }
    if (!this.options.allowLocalSources) {
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
  private layerList(descriptors: Descriptor[], config: ImageConfig): Layer[] {
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

  private async baseLayers(
    ref: string,
    platform: Platform,
  ): Promise<BaseLayers | undefined> {
    const key = `${ref}|${formatPlatform(platform)}`;
    const cached = this.baseCache.get(key);
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
        sizes: resolved.manifest.layers.map(l => l.size),
        at: Date.now(),
      };
      this.baseCache.set(key, entry);
      return entry;
    } catch {
      // Base detection is best effort: the image's own result does not depend on it.
      return undefined;
    }
  }

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

  private async findBaseImage(
    image: ResolvedImage,
    config: ImageConfig,
    platform: Platform,
    dockerfile: DockerfileInstruction[] | undefined,
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
    for (const ref of this.options.baseImages ?? []) {
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

  /** Streams every layer once into the merged file tree. */
  private async deepAnalyze(
    source: ImageSource,
    descriptors: Descriptor[],
  ): Promise<DeepResult> {
    const maxLayerBytes =
      this.options.deepAnalysis?.maxLayerBytes ?? DEFAULT_MAX_LAYER_BYTES;
    const maxEntries =
      this.options.deepAnalysis?.maxEntries ?? DEFAULT_MAX_ENTRIES;
    const tree = new ImageFileTree();
    const uncompressed: number[] = [];
    const pending = new Map<number, TarEntry[]>();
    const open = new Set<Readable>();
    const privateKeys = new Set<string>();
    let folded = 0;
    let entries = 0;
    // Shared by the workers; an object so TypeScript does not narrow it per closure.
    const state: { failure?: DeepResult['failure'] } = {};
    let nextLayer = 0;

    const fold = () => {
      while (pending.has(folded)) {
        tree.addLayer(pending.get(folded)!);
        pending.delete(folded);
        folded++;
      }
    };

    const worker = async () => {
      while (!state.failure && nextLayer < descriptors.length) {
        const index = nextLayer++;
        const descriptor = descriptors[index];
        const list: TarEntry[] = [];
        let blob: Readable | undefined;
        try {
          blob = await source.openBlob(descriptor);
          open.add(blob);
          const read = await readLayer(blob, {
            expectedDigest: descriptor.digest,
            maxUncompressedBytes: maxLayerBytes,
            maxEntries,
            // The entry count is shared by every layer of the image on purpose.
            // eslint-disable-next-line no-loop-func
            onEntry: entry => {
              if (++entries > maxEntries) {
                throw new LayerReadError(
                  'too-many-entries',
                  `the image has more than ${maxEntries} files (imageHealth.deepAnalysis.maxEntries)`,
                );
              }
              list.push(entry);
            },
            wantContent: mayHoldPrivateKey,
            onContent: (entry, content) => {
              if (holdsPrivateKey(content))
                privateKeys.add(`${index}:${entry.path}`);
            },
          });
          uncompressed[index] = read.uncompressedBytes;
          pending.set(index, list);
          fold();
        } catch (error) {
          if (
            error instanceof LayerReadError ||
            error instanceof RegistryError
          ) {
            const earlier = state.failure as DeepResult['failure'];
            if (!earlier || index < earlier.layer)
              state.failure = { layer: index, error };
            for (const stream of open) stream.destroy();
          } else if (!state.failure) {
            throw error;
          }
        } finally {
          if (blob) open.delete(blob);
        }
      }
    };
    await Promise.all(
      Array.from(
        { length: Math.min(DEEP_PARALLEL_LAYERS, descriptors.length) },
        worker,
      ),
    );
    if (state.failure)
      return { uncompressed, files: entries, failure: state.failure };
    return {
      tree,
      facts: analyzeTree(tree, { privateKeys }),
      uncompressed,
      files: entries,
    };
  }

  private treeFindings(
    name: string,
    tree: ImageFileTree,
    facts: TreeFacts,
    descriptors: Descriptor[],
    locate: (
      layerIndex: number,
    ) => { ins: DockerfileInstruction; file: string } | undefined,
  ): Finding[] {
    const findings: Finding[] = [];
    const where = (layerIndex: number) => {
      const located = locate(layerIndex);
      return {
        layer: descriptors[layerIndex]?.digest,
        ...(located
          ? {
              file: located.file,
              line: located.ins.line,
              endLine: located.ins.endLine,
            }
          : {}),
      };
    };
    const groupText = (g: PathGroup) =>
      `${mib(g.bytes)} in ${g.paths.join(', ')}`;

    for (const cache of facts.caches) {
      const located = locate(cache.layer);
      const cleanup = CACHE_CLEANUP[cache.name];
      findings.push(
        imageFinding(
          'packageCache',
          `${cache.name} left in ${name}: ${groupText(cache)} (${
            cache.files
          } files), mostly from layer ${cache.layer + 1}`,
          {
            ...where(cache.layer),
            remediation: {
              summary: `Remove the ${
                cache.name
              } in the same RUN that creates it${
                cleanup ? ` (\`${cleanup}\`)` : ''
              }, or use a cache mount.`,
              ...(located && cleanup && located.ins.keyword === 'RUN'
                ? {
                    before: located.ins.text,
                    after: `${located.ins.text} \\\n    && ${cleanup}`,
                  }
                : {}),
            },
          },
        ),
      );
    }
    for (const toolchain of facts.toolchains) {
      findings.push(
        imageFinding(
          'toolchain',
          `${name} ships the ${toolchain.name} toolchain: ${groupText(
            toolchain,
          )}`,
          where(toolchain.layer),
        ),
      );
    }
    const reclaimable = tree.reclaimableBytes;
    const efficiency = tree.efficiency;
    if (
      tree.wastedBytes > 0 &&
      (efficiency < 0.95 || reclaimable >= 10 * 1024 * 1024)
    ) {
      const top = tree
        .inefficiencies(5)
        .map(
          i =>
            `${i.path} (${mib(i.cumulativeBytes)} in ${i.occurrences} layers)`,
        )
        .join(', ');
      const worstLayer = tree.layerReclaimableBytes.indexOf(
        Math.max(...tree.layerReclaimableBytes),
      );
      findings.push(
        imageFinding(
          'wasted',
          `${name} is ${(efficiency * 100).toFixed(1)}% efficient: ${mib(
            tree.wastedBytes,
          )} wasted by dive's measure, ${mib(
            reclaimable,
          )} of it overwritten or deleted copies a better build would not ship; largest: ${top}`,
          {
            severity: efficiency < 0.9 ? 'warning' : 'info',
            ...where(worstLayer),
          },
        ),
      );
    }
    const large = facts.largestFiles.filter(f => f.bytes >= LARGE_FILE_BYTES);
    if (large.length) {
      findings.push(
        imageFinding(
          'largeFiles',
          `${name} holds very large files: ${large
            .map(f => `${f.path} (${mib(f.bytes)})`)
            .join(', ')}`,
          where(large[0].layer),
        ),
      );
    }
    if (facts.setuidFiles.length) {
      const list = facts.setuidFiles.slice(0, 10).map(f => f.path);
      findings.push(
        imageFinding(
          'setuid',
          `${name} has ${
            facts.setuidFiles.length
          } setuid/setgid files: ${list.join(', ')}${
            facts.setuidFiles.length > list.length ? ', …' : ''
          }`,
        ),
      );
    }
    for (const file of facts.secretFiles.slice(0, 20)) {
      findings.push(
        imageFinding(
          'secretFile',
          `${name} contains ${file.path}, which looks like a secret`,
          where(file.layer),
        ),
      );
    }
    for (const git of facts.gitDirectories) {
      findings.push(
        imageFinding(
          'gitDir',
          `${name} contains a .git directory: ${git.path} (${mib(git.bytes)})`,
          where(git.layer),
        ),
      );
    }
    return findings;
  }
}
