import path from 'node:path';
import { shown } from './hadolint';
import { isFile, readYamlFile } from './yamlFile';

/**
 * dive's CI rules. A threshold left undefined is disabled. Efficiency and
 * user-wasted percent are ratios from 0 to 1, as in dive.
 */
export interface DiveThresholds {
  /** Fail when the image's efficiency is below this. */
  lowestEfficiency?: number;
  /** Fail when more bytes than this are wasted. */
  highestWastedBytes?: number;
  /** Fail when wasted bytes / the bytes of every layer but the first is above this. */
  highestUserWastedPercent?: number;
}

/** dive's defaults for a key its CI config does not set (dive's ci_rules.go). */
export const DIVE_DEFAULTS: DiveThresholds = {
  lowestEfficiency: 0.9,
  highestUserWastedPercent: 0.1,
};

export interface DiveCiConfig {
  file: string;
  thresholds: DiveThresholds;
  warnings: string[];
}

/** dive reads `.dive-ci` from the working directory; the `.yml`/`.yaml` names are found too. */
export function findDiveCiConfig(cwd: string): string | undefined {
  return ['.dive-ci', '.dive-ci.yml', '.dive-ci.yaml']
    .map(name => path.join(cwd, name))
    .find(isFile);
}

/** dive turns a rule off with an empty value, `disabled`, `off` or `false`. */
function isDisabled(value: unknown): boolean {
  if (value === false || value === null || value === undefined) return true;
  return (
    typeof value === 'string' &&
    ['', 'disabled', 'off', 'false'].includes(value.trim().toLowerCase())
  );
}

const SI_UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1e3,
  kb: 1e3,
  m: 1e6,
  mb: 1e6,
  g: 1e9,
  gb: 1e9,
  t: 1e12,
  tb: 1e12,
  p: 1e15,
  pb: 1e15,
  e: 1e18,
  eb: 1e18,
  ki: 1024,
  kib: 1024,
  mi: 1024 ** 2,
  mib: 1024 ** 2,
  gi: 1024 ** 3,
  gib: 1024 ** 3,
  ti: 1024 ** 4,
  tib: 1024 ** 4,
  pi: 1024 ** 5,
  pib: 1024 ** 5,
  ei: 1024 ** 6,
  eib: 1024 ** 6,
};

/**
 * A size as dive reads `highestWastedBytes` (go-humanize's ParseBytes):
 * `20MB` is 20 000 000 bytes and `20MiB` 20 971 520 — unlike the budgets of
 * app-config (`parseBytes` in -common), where `MB` is 1024².
 */
export function parseDiveBytes(value: string | number): number | undefined {
  if (typeof value === 'number')
    return Number.isFinite(value) && value >= 0 ? Math.floor(value) : undefined;
  const match = /^\s*(\d+(?:\.\d*)?|\.\d+)\s*([a-z]*)\s*$/i.exec(
    value.replace(/,/g, ''),
  );
  if (!match) return undefined;
  const unit = SI_UNITS[match[2].toLowerCase()];
  return unit === undefined
    ? undefined
    : Math.floor(parseFloat(match[1]) * unit);
}

/** A ratio from 0 to 1 as dive reads it; undefined when it is not one. */
export function parseDiveRatio(value: string | number): number | undefined {
  let ratio = NaN;
  if (typeof value === 'number') ratio = value;
  else if (/^\s*[\d.]+\s*$/.test(value)) ratio = parseFloat(value);
  return ratio >= 0 && ratio <= 1 ? ratio : undefined;
}

const KEYS: Record<string, keyof DiveThresholds> = {
  lowestEfficiency: 'lowestEfficiency',
  'lowest-efficiency': 'lowestEfficiency',
  highestWastedBytes: 'highestWastedBytes',
  'highest-wasted-bytes': 'highestWastedBytes',
  highestUserWastedPercent: 'highestUserWastedPercent',
  'highest-user-wasted-percent': 'highestUserWastedPercent',
};

/**
 * Sets one threshold from a config value or a flag, as dive parses it;
 * returns why the value was not understood, if it was not.
 */
export function setDiveThreshold(
  thresholds: DiveThresholds,
  key: keyof DiveThresholds,
  value: unknown,
): string | undefined {
  if (isDisabled(value)) {
    delete thresholds[key];
    return undefined;
  }
  if (typeof value !== 'string' && typeof value !== 'number')
    return `${key} ${shown(value)} is not a value dive reads`;
  const parsed =
    key === 'highestWastedBytes'
      ? parseDiveBytes(value)
      : parseDiveRatio(value);
  if (parsed === undefined)
    return key === 'highestWastedBytes'
      ? `${key} ${shown(
          value,
        )} is not a size (e.g. 20MB, 15MiB, 1000) or "disabled"`
      : `${key} ${shown(value)} is not a ratio from 0 to 1 or "disabled"`;
  thresholds[key] = parsed;
  return undefined;
}

/**
 * Reads dive's CI config (`rules:` with its three keys). Keys it does not
 * set keep dive's defaults; a value not understood keeps the default too,
 * with a warning naming it.
 */
export function readDiveCiConfig(file: string): DiveCiConfig {
  const data = readYamlFile(file, 'dive CI config');
  const thresholds: DiveThresholds = { ...DIVE_DEFAULTS };
  const warnings: string[] = [];
  const warn = (text: string) => warnings.push(`${file}: ${text}`);
  if (data === null || data === undefined)
    return { file, thresholds, warnings };
  if (typeof data !== 'object' || Array.isArray(data)) {
    warn(
      "is not dive's CI config (a mapping with rules:); dive's defaults apply",
    );
    return { file, thresholds, warnings };
  }
  for (const [top, rules] of Object.entries(data)) {
    if (top !== 'rules') {
      warn(`unknown key ${shown(top)}; ignored`);
      continue;
    }
    if (typeof rules !== 'object' || rules === null || Array.isArray(rules)) {
      warn('rules must be a mapping of dive CI rules; ignored');
      continue;
    }
    for (const [name, value] of Object.entries(rules)) {
      const key = KEYS[name];
      if (!key) {
        warn(`unknown rule ${shown(name)}; ignored`);
        continue;
      }
      const problem = setDiveThreshold(thresholds, key, value);
      if (problem) warn(`${problem}; dive's default is used`);
    }
  }
  return { file, thresholds, warnings };
}
