/**
 * The Image Health engine: the scan pipeline, Dockerfile analysis, image
 * inspection, the registry client and the `image-health` CLI. Needs no
 * Backstage runtime.
 *
 * @packageDocumentation
 */
export * from './dockerfile';
export * from './image';
export * from './registry';
export * from './scan';
export * from './baseImages';
export * from './policy';
export {
  DEFAULT_LAYER_ANALYSIS_LIMITS,
  SIZE_LIMITS,
  type LayerAnalysisLimits,
} from './layers/limits';
