/**
 * Reading images where they live: the OCI Distribution client, references,
 * manifests, and the ImageInspector the backend and the CLI call.
 */
export type {
  RegistryConfig,
  DeepAnalysisConfig,
  ImageInspectorOptions,
  InspectOptions,
} from './types';
export {
  RegistryClient,
  type RegistryClientOptions,
  type RequestStats,
} from './client';
export {
  RegistryError,
  isRegistryError,
  type RegistryErrorKind,
} from './errors';
export {
  parseReference,
  formatReference,
  InvalidReferenceError,
  type RegistryReference,
  type LocalReference,
} from './reference';
export { loadDockerConfigCredentials } from './dockerConfig';
export { ImageInspector } from '../image/inspector';
export { listImageRules } from '../image/rules';
