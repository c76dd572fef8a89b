/** One entry of `imageHealth.registries`: the only hosts the engine contacts. */
export interface RegistryConfig {
  /** host[:port] as written in image references, e.g. `ghcr.io`, `localhost:5000`. */
  host: string;
  /** Plain HTTP; for local registries only. */
  insecure?: boolean;
  /** Basic credentials (also sent to the registry's token service), or a pre-issued bearer token. */
  auth?: { username?: string; password?: string; token?: string };
}

export interface DeepAnalysisConfig {
  enabled: boolean;
  /** Uncompressed bytes read from one layer before it is treated as a decompression bomb. */
  maxLayerBytes: number;
  /** Tar entries read from one image before analysis stops. */
  maxEntries: number;
}

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
  /** The Dockerfile the image was built from: base image fallback and remediation lines. */
  dockerfile?: { location: string; content: string };
}
