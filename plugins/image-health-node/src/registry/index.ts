import type { ImageResult } from '@image-health/plugin-image-health-common';

/** One entry of `imageHealth.registries`: the only hosts the engine contacts. */
export interface RegistryConfig {
  /** host[:port] as written in image references, e.g. `ghcr.io`, `localhost:5000`. */
  host: string;
  /** Plain HTTP; for local registries only. */
  insecure?: boolean;
  auth?: { username?: string; password?: string; token?: string };
}

export interface DeepAnalysisConfig {
  enabled: boolean;
  maxLayerBytes: number;
  maxEntries: number;
}

export interface ImageInspectorOptions {
  registries: RegistryConfig[];
  /** `os/arch[/variant]` scored from a multi-arch index; default linux/amd64. */
  platform?: string;
  deepAnalysis?: DeepAnalysisConfig;
}

/** Reads images where they live (registry or local source) and reports on them. */
export class ImageInspector {
  constructor(private readonly options: ImageInspectorOptions) {}

  /** Placeholder until the inspector lands (issue 3). */
  async inspect(ref: string): Promise<ImageResult> {
    throw new Error(
      `cannot inspect ${ref}: image inspection is not available yet (${this.options.registries.length} registries configured)`,
    );
  }
}
