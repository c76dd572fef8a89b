/**
 * Image Health facts for Tech Insights, and ready checks for its JSON rules
 * engine (`checks.yaml` in this package).
 *
 * @packageDocumentation
 */
export { techInsightsModuleImageHealth as default } from './module';
export { imageHealthFactRetriever } from './factRetriever';
export { IMAGE_HEALTH_FACT_SCHEMA } from './facts';
