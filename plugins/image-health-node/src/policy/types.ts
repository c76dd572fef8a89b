import type { SizeBudgets } from '@image-health/plugin-image-health-common';

/**
 * The organisation's policy (`imageHealth.policy` of app-config, or the
 * CLI's `--policy` file): what every image must be, whatever its rules say.
 * A breach is a finding of the `policy` category.
 */
export interface ImagePolicy {
  /**
   * Registries base images may come from: a host (`ghcr.io`, `docker.io` for
   * Docker Hub) or a host and repository prefix (`ghcr.io/acme`). Absent: any.
   */
  allowedBaseImageRegistries?: string[];
  /**
   * Base images no Dockerfile may build on, as globs over the reference
   * (`*:latest`, `node:16*`): `*` is any run of characters, `?` any one,
   * `[a-z]` a class. Matched against the reference as written, its short
   * form (`node:16`) and its full form (`docker.io/library/node:16`), with
   * `:latest` when no tag is written.
   */
  forbiddenBaseImages?: string[];
  /** Images must not run as root. */
  requireNonRoot?: boolean;
  /** Labels every image must carry (keys). */
  requiredLabels?: string[];
  /** Largest compressed image size, in bytes, by language (`default` for the rest). */
  maxImageSize?: Partial<SizeBudgets>;
}
