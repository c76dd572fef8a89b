import { limitConfigKey, limitFlag, type LayerAnalysisLimits } from './limits';

/** Why a layer could not be read to the end. */
export type LayerErrorReason =
  | 'digest-mismatch'
  | 'truncated'
  | 'corrupt'
  | 'network'
  // a limit (LayerReadError.limit says which)
  | 'too-large'
  | 'too-many-entries'
  | 'too-many-layers'
  | 'path-too-long'
  | 'path-too-deep'
  | 'out-of-memory';

export class LayerReadError extends Error {
  constructor(
    readonly reason: LayerErrorReason,
    message: string,
    /** Set when analysis stopped at a configured limit rather than at a broken layer. */
    readonly limit?: keyof LayerAnalysisLimits,
  ) {
    super(message);
    this.name = 'LayerReadError';
  }
}

/** An error that stops at `limit`, its message ending in the config key (and CLI flag) that lifts it. */
export function limitError(
  reason: LayerErrorReason,
  limit: keyof LayerAnalysisLimits,
  what: string,
): LayerReadError {
  return new LayerReadError(
    reason,
    `${what} (limit ${limitConfigKey(limit)}, ${limitFlag(limit)} on the CLI)`,
    limit,
  );
}

/** True when analysis stopped at a configured limit (a finding about the image, not a broken blob). */
export function isLimitError(error: unknown): error is LayerReadError {
  return error instanceof LayerReadError && error.limit !== undefined;
}
