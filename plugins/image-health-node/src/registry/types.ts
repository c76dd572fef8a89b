import type { LayerAnalysisLimits } from '../layers/limits';

/** One entry of `imageHealth.registries`: the only hosts the engine contacts. */
export interface RegistryConfig {
  /** host[:port] as written in image references, e.g. `ghcr.io`, `localhost:5000`. */
  host: string;
  /** Plain HTTP; for local registries only. */
  insecure?: boolean;
  /** Basic credentials (also sent to the registry's token service), or a pre-issued bearer token. */
  auth?: { username?: string; password?: string; token?: string };
}

/**
 * `imageHealth.deepAnalysis`: whether layers are read, the limits that bound
 * the work (each missing one at its default, see DEFAULT_LAYER_ANALYSIS_LIMITS)
 * and how many layers are read at once.
 */
export interface DeepAnalysisConfig extends Partial<LayerAnalysisLimits> {
  enabled: boolean;
  /** Layers read at once, each on its own worker thread. Default: the cores available, at most 4. */
  parallelLayers?: number;
}
