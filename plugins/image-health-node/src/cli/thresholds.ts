import {
  parseBytes,
  type ImageResult,
  type Report,
  type ScoreCategoryKey,
} from '@image-health/plugin-image-health-common';
import { setDiveThreshold, type DiveThresholds } from '../config/diveCi';
import { CliInputError } from './io';

/** The pass/fail limits of `scan` and `inspect` besides the findings' severity. */
export interface Thresholds {
  minScore?: number;
  /** `--min-category size=80,security=70`. */
  minCategory?: Partial<Record<ScoreCategoryKey, number>>;
  /** `--max-size`: compressed bytes of each image. */
  maxSizeBytes?: number;
  /** dive's CI rules, from `.dive-ci` and the flags. */
  dive?: DiveThresholds;
}

/** Category names as the report spells them, and as the finding categories do. */
const CATEGORY_NAMES: Record<string, ScoreCategoryKey> = {
  size: 'size',
  layers: 'layers',
  baseImage: 'baseImage',
  'base-image': 'baseImage',
  security: 'security',
  buildCache: 'buildCache',
  'build-cache': 'buildCache',
};

function scoreValue(text: string, flag: string): number {
  const value = Number(text);
  if (text.trim() === '' || !(value >= 0 && value <= 100))
    throw new CliInputError(
      `${flag} must be a number from 0 to 100, not "${text}"`,
    );
  return value;
}

export function parseMinScore(text: string): number {
  return scoreValue(text, '--min-score');
}

/** `size=80,security=70` (the flag may be repeated). */
export function parseMinCategory(
  values: string[],
): Partial<Record<ScoreCategoryKey, number>> {
  const out: Partial<Record<ScoreCategoryKey, number>> = {};
  for (const pair of values.flatMap(v => v.split(','))) {
    const eq = pair.indexOf('=');
    const category = CATEGORY_NAMES[pair.slice(0, eq).trim()];
    if (eq <= 0 || !category)
      throw new CliInputError(
        `--min-category takes category=score pairs (categories: size, layers, baseImage, security, buildCache), not "${pair}"`,
      );
    out[category] = scoreValue(
      pair.slice(eq + 1),
      `--min-category ${category}`,
    );
  }
  return out;
}

export function parseMaxSize(text: string): number {
  try {
    return parseBytes(text);
  } catch (error) {
    throw new CliInputError(`--max-size: ${(error as Error).message}`);
  }
}

/** Applies `--min-efficiency`, `--max-wasted-bytes`, `--max-wasted-percent` over what `.dive-ci` set. */
export function diveThresholdsFrom(
  base: DiveThresholds | undefined,
  flags: {
    minEfficiency?: string;
    maxWastedBytes?: string;
    maxWastedPercent?: string;
  },
): DiveThresholds | undefined {
  const given = [
    ['lowestEfficiency', flags.minEfficiency, '--min-efficiency'],
    ['highestWastedBytes', flags.maxWastedBytes, '--max-wasted-bytes'],
    [
      'highestUserWastedPercent',
      flags.maxWastedPercent,
      '--max-wasted-percent',
    ],
  ].filter(([, value]) => value !== undefined) as Array<
    [keyof DiveThresholds, string, string]
  >;
  if (!base && given.length === 0) return undefined;
  const thresholds: DiveThresholds = { ...base };
  for (const [key, value, flag] of given) {
    const problem = setDiveThreshold(thresholds, key, value);
    if (problem) throw new CliInputError(`${flag}: ${problem}`);
  }
  return thresholds;
}

/**
 * The image thresholds `inspect` and `scan` share, from their flags (over a
 * `.dive-ci`): `--max-size` and dive's three.
 */
export function imageThresholdsFrom(
  values: {
    'max-size'?: string;
    'min-efficiency'?: string;
    'max-wasted-bytes'?: string;
    'max-wasted-percent'?: string;
  },
  dive: DiveThresholds | undefined,
): Pick<Thresholds, 'maxSizeBytes' | 'dive'> {
  return {
    maxSizeBytes:
      values['max-size'] === undefined
        ? undefined
        : parseMaxSize(values['max-size']),
    dive: diveThresholdsFrom(dive, {
      minEfficiency: values['min-efficiency'],
      maxWastedBytes: values['max-wasted-bytes'],
      maxWastedPercent: values['max-wasted-percent'],
    }),
  };
}

/** Whether judging these thresholds needs every layer read (dive's measures do). */
export function needsDeepAnalysis(thresholds: Thresholds): boolean {
  const dive = thresholds.dive;
  return (
    dive !== undefined &&
    (dive.lowestEfficiency !== undefined ||
      dive.highestWastedBytes !== undefined ||
      dive.highestUserWastedPercent !== undefined)
  );
}

/**
 * dive's user-wasted percent: wasted bytes over the bytes of every
 * filesystem layer but the first (dive's image/analysis.go), layer sizes
 * being their uncompressed tar sizes.
 */
export function userWastedRatio(image: ImageResult): number | undefined {
  if (image.wastedBytes === undefined) return undefined;
  const layers = image.layers.filter(l => !l.emptyLayer);
  let userBytes = 0;
  for (const layer of layers.slice(1)) {
    if (layer.uncompressedBytes === undefined) return undefined;
    userBytes += layer.uncompressedBytes;
  }
  // dive divides anyway (+Inf or NaN); nothing wasted is nothing wasted.
  if (userBytes === 0) return image.wastedBytes === 0 ? 0 : Infinity;
  return image.wastedBytes / userBytes;
}

export interface ThresholdOutcome {
  /** Thresholds not met, in words. */
  failures: string[];
  /** Thresholds that could not be judged (a measure the scan did not make), in words. */
  unjudged: string[];
}

function judgeImage(
  image: ImageResult,
  thresholds: Thresholds,
  outcome: ThresholdOutcome,
) {
  const { dive, maxSizeBytes } = thresholds;
  if (maxSizeBytes !== undefined && image.compressedBytes > maxSizeBytes)
    outcome.failures.push(
      `${image.ref} is ${image.compressedBytes} bytes compressed, above --max-size ${maxSizeBytes}`,
    );
  if (!dive || !needsDeepAnalysis(thresholds)) return;
  if (image.efficiency === undefined) {
    outcome.unjudged.push(
      `${image.ref}: dive's thresholds need every layer read (${
        image.deepAnalysis?.reason ?? 'the deep analysis did not run'
      })`,
    );
    return;
  }
  // The same comparisons as dive's CI rules (a value equal to the threshold passes).
  if (
    dive.lowestEfficiency !== undefined &&
    image.efficiency < dive.lowestEfficiency
  )
    outcome.failures.push(
      `${
        image.ref
      }: image efficiency is too low (efficiency=${image.efficiency.toFixed(
        4,
      )} < lowestEfficiency=${dive.lowestEfficiency})`,
    );
  if (
    dive.highestWastedBytes !== undefined &&
    (image.wastedBytes ?? 0) > dive.highestWastedBytes
  )
    outcome.failures.push(
      `${image.ref}: too many bytes wasted (wasted-bytes=${image.wastedBytes} > highestWastedBytes=${dive.highestWastedBytes})`,
    );
  if (dive.highestUserWastedPercent !== undefined) {
    const ratio = userWastedRatio(image);
    if (ratio === undefined)
      outcome.unjudged.push(
        `${image.ref}: highestUserWastedPercent needs every layer's uncompressed size`,
      );
    else if (ratio > dive.highestUserWastedPercent)
      outcome.failures.push(
        `${
          image.ref
        }: too many bytes wasted, relative to the user bytes added (user-wasted=${ratio.toFixed(
          4,
        )} > highestUserWastedPercent=${dive.highestUserWastedPercent})`,
      );
  }
}

/** Judges the images (and, for `scan`, the Report's score) against the thresholds. */
export function judgeThresholds(
  images: ImageResult[],
  thresholds: Thresholds,
  report?: Report,
): ThresholdOutcome {
  const outcome: ThresholdOutcome = { failures: [], unjudged: [] };
  if (report && thresholds.minScore !== undefined) {
    const value = report.score.value;
    if (value === null)
      outcome.unjudged.push('--min-score: the report has no score');
    else if (value < thresholds.minScore)
      outcome.failures.push(
        `score ${value} is below --min-score ${thresholds.minScore}`,
      );
  }
  if (report && thresholds.minCategory) {
    for (const [key, minimum] of Object.entries(thresholds.minCategory)) {
      const value = report.score.categories[key as ScoreCategoryKey].value;
      if (value === null)
        outcome.unjudged.push(
          `--min-category ${key}: nothing in the scan is judged for it`,
        );
      else if (value < minimum!)
        outcome.failures.push(
          `${key} score ${value} is below --min-category ${key}=${minimum}`,
        );
    }
  }
  for (const image of images) judgeImage(image, thresholds, outcome);
  return outcome;
}
