import type { TreeSummary } from '../layers/analysis';
import { isLimitError, LayerReadError } from '../layers/errors';
import { analyzeImageLayers } from '../layers/imageLayers';
import {
  RegistryError,
  type DeepAnalysisConfig,
  type Descriptor,
} from '../registry';
import type { DeepFailure } from '../rules/image';
import type { ImageSource } from './sources';

/** The merged file tree's summary and facts, or the first layer that could not be read. */
export interface DeepResult {
  tree?: TreeSummary;
  /** Uncompressed bytes by layer (non-empty layers only). */
  uncompressed: number[];
  files: number;
  failure?: DeepFailure;
}

/**
 * Streams every layer once into the merged file tree. Decompression, tar
 * parsing and tree merging run on worker threads (analyzeImageLayers); this
 * thread only moves the downloaded bytes. A limit reached is an analysis
 * cap, a layer that cannot be read or downloaded an unreadable layer.
 */
export async function deepAnalyze(
  source: ImageSource,
  descriptors: Descriptor[],
  config: Partial<DeepAnalysisConfig> = {},
): Promise<DeepResult> {
  const analysis = await analyzeImageLayers(
    descriptors,
    descriptor => source.openBlob(descriptor),
    // the limits are read from the config by name; other keys are ignored
    { limits: config, parallelLayers: config.parallelLayers },
  );
  const { uncompressed, files, failure } = analysis;
  if (!failure) return { tree: analysis.tree, uncompressed, files };
  const { layer, error } = failure;
  if (!(error instanceof LayerReadError || error instanceof RegistryError))
    throw error;
  return {
    uncompressed,
    files,
    failure: { layer, capped: isLimitError(error), message: error.message },
  };
}
