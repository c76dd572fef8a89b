import { parseBytes } from '@image-health/plugin-image-health-common';
import {
  DEFAULT_LAYER_ANALYSIS_LIMITS,
  limitFlag,
  SIZE_LIMITS,
  type LayerAnalysisLimits,
} from '../layers/limits';
import { CliInputError } from './io';

const LIMITS = Object.keys(DEFAULT_LAYER_ANALYSIS_LIMITS) as Array<
  keyof LayerAnalysisLimits
>;

/**
 * The CLI's defaults where they differ from the engine's: one image on the
 * user's own machine, so a larger image is read to the end.
 */
const CLI_DEFAULTS: Partial<LayerAnalysisLimits> = {
  maxLayerBytes: 8 * 1024 ** 3,
  maxEntries: 2_000_000,
};

/** parseArgs options for every deep-analysis limit (`--max-layers`, `--max-layer-bytes`, …). */
export const DEEP_LIMIT_OPTIONS = Object.fromEntries(
  LIMITS.map(limit => [limitFlag(limit).slice(2), { type: 'string' as const }]),
);

/** The limit flags for a usage line. */
export const DEEP_LIMIT_USAGE = LIMITS.map(
  limit => `[${limitFlag(limit)} ${SIZE_LIMITS.has(limit) ? '2GB' : 'N'}]`,
).join(' ');

/** The limits the flags set, over the CLI's defaults. */
export function deepLimitsFrom(
  values: Record<string, unknown>,
): Partial<LayerAnalysisLimits> {
  const limits: Partial<LayerAnalysisLimits> = { ...CLI_DEFAULTS };
  for (const limit of LIMITS) {
    const flag = limitFlag(limit);
    const text = values[flag.slice(2)];
    if (typeof text !== 'string') continue;
    let value: number;
    try {
      value = SIZE_LIMITS.has(limit) ? parseBytes(text) : Number(text);
    } catch (error) {
      throw new CliInputError(`${flag}: ${(error as Error).message}`);
    }
    if (!Number.isSafeInteger(value) || value < 1)
      throw new CliInputError(
        `${flag} must be ${
          SIZE_LIMITS.has(limit) ? 'a size such as 2GB' : 'a whole number'
        } of at least 1, not "${text}"`,
      );
    limits[limit] = value;
  }
  return limits;
}

/** The limit flags given in `values`, as arguments again (for a command that runs another). */
export function deepLimitArgs(values: Record<string, unknown>): string[] {
  return LIMITS.flatMap(limit => {
    const text = values[limitFlag(limit).slice(2)];
    return typeof text === 'string' ? [limitFlag(limit), text] : [];
  });
}
