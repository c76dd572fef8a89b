import type {
  ImageResult,
  Layer,
} from '@image-health/plugin-image-health-common';
import {
  parseReference,
  RegistryClient,
  type Descriptor,
  type RequestStats,
} from '../registry';
import {
  BaseImageMeasurer,
  type BaseImageMeasurerOptions,
} from '../baseImages';
import { BaseImageFinder } from './baseImage';
import { configFacts } from './config';
import { deepAnalyze, type DeepResult } from './deep';
import { imageFacts } from './facts';
import { imageFindings } from './findings';
import { layerList, openSource, platformOf } from './resolve';
import type { ImageInspectorOptions, InspectOptions } from './types';

/**
 * Reads images where they live (registry or local source), gathers what
 * they are made of, and has the image rules judge it.
 */
export class ImageInspector {
  private readonly client: RegistryClient;
  private readonly bases: BaseImageFinder;

  constructor(private readonly options: ImageInspectorOptions) {
    this.client = new RegistryClient({
      registries: options.registries,
      timeoutMs: options.timeoutMs,
      maxRetries: options.maxRetries,
      retryBaseMs: options.retryBaseMs,
      concurrencyPerRegistry: options.concurrencyPerRegistry,
      credentialsHint: options.credentialsHint,
    });
    this.bases = new BaseImageFinder(this.client, options.baseImages);
  }

  /** Requests sent so far, by kind (manifest, head, blob, token, redirect). */
  get requestStats(): RequestStats {
    return this.client.stats;
  }

  /**
   * A reader of base-image tags and sizes through this inspector's registry
   * client: the configured registries only, or a configured mirror of one.
   */
  baseImageMeasurer(
    options: Omit<BaseImageMeasurerOptions, 'client' | 'platform'> = {},
  ): BaseImageMeasurer {
    return new BaseImageMeasurer({
      ...options,
      client: this.client,
      platform: this.options.platform,
    });
  }

  /** Closes kept-alive connections. */
  async close(): Promise<void> {
    await this.client.close();
  }

  /** The digest the reference points at now: one HEAD request for a registry tag. */
  async resolveDigest(ref: string): Promise<string> {
    const parsed = parseReference(ref);
    if (parsed.kind === 'registry') return this.client.resolveDigest(parsed);
    const resolved = await this.openSource(ref).resolve(
      platformOf(undefined, this.options.platform),
    );
    return resolved.digest;
  }

  async inspect(ref: string, opts: InspectOptions = {}): Promise<ImageResult> {
    const source = this.openSource(ref);
    const platform = platformOf(opts.platform, this.options.platform);
    const resolved = await source.resolve(platform);
    const { manifest, config } = resolved;
    const facts = configFacts(config);
    const layers = layerList(manifest.layers, config);
    const base = await this.bases.find(
      resolved,
      config,
      platform,
      opts.dockerfile?.model,
    );

    let deep: DeepResult | undefined;
    if (opts.deep ?? this.options.deepAnalysis?.enabled ?? false) {
      deep = await deepAnalyze(
        source,
        manifest.layers,
        this.options.deepAnalysis,
      );
      recordLayerSizes(layers, deep);
    }

    const findings = imageFindings(
      imageFacts({
        name: source.name,
        config: facts,
        layers,
        base,
        deep,
        dockerfile: opts.dockerfile,
      }),
    );

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
      compressedBytes: manifest.layers.reduce((sum, l) => sum + l.size, 0),
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
    if (deep) recordDeepAnalysis(result, deep, manifest.layers);
    return result;
  }

  private openSource(ref: string) {
    return openSource(
      ref,
      this.client,
      Boolean(this.options.allowLocalSources),
    );
  }
}

/** Each filesystem layer's uncompressed and wasted bytes, from the deep analysis. */
function recordLayerSizes(layers: Layer[], deep: DeepResult): void {
  const { tree, uncompressed } = deep;
  const filesystemLayers = layers.filter(l => !l.emptyLayer);
  uncompressed.forEach((bytes, i) => {
    const layer = filesystemLayers[i];
    if (!layer) return;
    layer.uncompressedBytes = bytes;
    if (tree) layer.wastedBytes = tree.layerReclaimableBytes[i];
  });
}

/** Whether the deep analysis completed, and when it did the image's totals and largest files. */
function recordDeepAnalysis(
  result: ImageResult,
  deep: DeepResult,
  manifestLayers: Descriptor[],
): void {
  const complete = !deep.failure && !!deep.tree;
  result.deepAnalysis = {
    complete,
    files: deep.files,
    reason: deep.failure?.message,
  };
  if (complete && deep.tree) {
    result.uncompressedBytes = deep.uncompressed.reduce((a, b) => a + b, 0);
    result.efficiency = deep.tree.efficiency;
    result.wastedBytes = deep.tree.wastedBytes;
    result.reclaimableBytes = deep.tree.reclaimableBytes;
    result.largestFiles = deep.tree.facts.largestFiles.map(f => ({
      path: f.path,
      bytes: f.bytes,
      layer: manifestLayers[f.layer]?.digest ?? '',
    }));
  }
}
