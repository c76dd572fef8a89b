import type { DockerfileModel } from '../dockerfile/model';
import type { DeepAnalysisConfig, RegistryConfig } from '../registry';

export interface ImageInspectorOptions {
  registries: RegistryConfig[];
  /** `os/arch[/variant]` scored from a multi-arch index; default linux/amd64. */
  platform?: string;
  deepAnalysis?: DeepAnalysisConfig;
  /** Base images (references) whose layers are matched against an image's leading layers. */
  baseImages?: string[];
  /** Per-request timeout, ms (default 30 000). */
  timeoutMs?: number;
  /** Retries on 429/5xx (default 3). */
  maxRetries?: number;
  /** First retry backoff, ms (default 500). */
  retryBaseMs?: number;
  /** Requests in flight per registry (default 4). */
  concurrencyPerRegistry?: number;
  /** Where a user fixes credentials for a host (appears in auth errors). */
  credentialsHint?: (host: string) => string;
  /** Local sources (`oci:`, `docker-archive:`) are read only when allowed (the CLI allows them). */
  allowLocalSources?: boolean;
}

/** What one inspection may add to the image alone. */
export interface InspectOptions {
  /** Overrides the configured deep-analysis switch. */
  deep?: boolean;
  /** Overrides the configured platform. */
  platform?: string;
  /**
   * The Dockerfile the image was built from, as the analyzer parsed it:
   * base image fallback and the lines findings point at.
   */
  dockerfile?: { location: string; model: DockerfileModel };
}
