/**
 * Reading images where they live: the OCI Distribution client (transport with
 * its address policy, auth, manifests), references and credentials.
 */
export type { RegistryConfig, DeepAnalysisConfig } from './types';
export { RegistryClient, type RegistryClientOptions } from './client';
export type { RequestStats } from './transport';
export {
  MEDIA_TYPES,
  MANIFEST_ACCEPT,
  ManifestFormatError,
  parseManifest,
  formatPlatform,
  parsePlatform,
  platformManifests,
  pickPlatform,
  type AnyManifest,
  type Descriptor,
  type FetchedManifest,
  type ImageConfig,
  type ImageIndex,
  type ImageManifest,
  type Platform,
} from './manifests';
export { sha256Digest } from './digests';
export {
  RegistryError,
  isRegistryError,
  type RegistryErrorKind,
} from './errors';
export {
  parseReference,
  formatReference,
  canonicalHost,
  InvalidReferenceError,
  type RegistryReference,
  type LocalReference,
} from './reference';
export { loadDockerConfigCredentials } from './dockerConfig';
