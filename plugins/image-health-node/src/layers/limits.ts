/**
 * The bounds on deep analysis. Everything an image controls (layer count,
 * sizes, file count, path shapes) is hostile, so every dimension that grows
 * time or memory has a limit, and the error that stops at it names the
 * limit's config key (`imageHealth.deepAnalysis.<name>`).
 */
export interface LayerAnalysisLimits {
  /** Layers read from one image. */
  maxLayers: number;
  /** Uncompressed bytes read from one layer (a decompression bomb stops here). */
  maxLayerBytes: number;
  /** Uncompressed bytes read from all layers of one image. */
  maxImageBytes: number;
  /** Tar entries read from one image, and paths held in its merged file tree. */
  maxEntries: number;
  /** Bytes of one path (or link target) in a layer; Linux's PATH_MAX is 4096. */
  maxPathBytes: number;
  /** Components of one path in a layer. */
  maxPathDepth: number;
  /** JavaScript heap of each analysis worker thread; past it the analysis stops, the process lives. */
  maxMemoryBytes: number;
}

/** Each limit's default; the backend's config keys fall back to these. */
export const DEFAULT_LAYER_ANALYSIS_LIMITS: Readonly<LayerAnalysisLimits> = {
  maxLayers: 128,
  maxLayerBytes: 2 * 1024 ** 3,
  maxImageBytes: 8 * 1024 ** 3,
  maxEntries: 500_000,
  maxPathBytes: 4096,
  maxPathDepth: 256,
  maxMemoryBytes: 1024 ** 3,
};

/**
 * The limits measured in bytes (given as sizes such as `2GB`); the others are counts.
 *
 * @public
 */
export const SIZE_LIMITS: ReadonlySet<keyof LayerAnalysisLimits> = new Set([
  'maxLayerBytes',
  'maxImageBytes',
  'maxMemoryBytes',
]);

/** The limits given, each missing one at its default. */
export function layerAnalysisLimits(
  given: Partial<LayerAnalysisLimits> = {},
): LayerAnalysisLimits {
  const limits = { ...DEFAULT_LAYER_ANALYSIS_LIMITS };
  for (const key of Object.keys(limits) as Array<keyof LayerAnalysisLimits>) {
    const value = given[key];
    if (value !== undefined) limits[key] = value;
  }
  return limits;
}

/** The config key a user raises to lift a limit. */
export function limitConfigKey(limit: keyof LayerAnalysisLimits): string {
  return `imageHealth.deepAnalysis.${limit}`;
}

/** The CLI flag that sets a limit: `--max-layer-bytes` for maxLayerBytes. */
export function limitFlag(limit: keyof LayerAnalysisLimits): string {
  return `--${limit.replace(/[A-Z]/g, c => `-${c.toLowerCase()}`)}`;
}
