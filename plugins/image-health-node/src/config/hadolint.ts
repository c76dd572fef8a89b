import path from 'node:path';
import {
  SEVERITIES,
  type Severity,
} from '@image-health/plugin-image-health-common';
import { LABEL_TYPES, type LabelType } from '../rules/correctness/labelSchema';
import { outputFormatNamed, type OutputFormat } from '../output';
import { isFile, readYamlFile } from './yamlFile';
import { isRecord } from '../jsonValues';

/** What a `.hadolint.yaml` sets, in the analyzer's and the CLI's terms. */
export interface HadolintSettings {
  /** `ignored`. */
  ignore: string[];
  /** `override.{error,warning,info,style}`, by rule id. */
  severity: Record<string, Severity>;
  /** `failure-threshold`; `none` when no finding should fail the run. */
  failureThreshold?: Severity | 'none';
  /** `no-fail`: findings never fail the run. */
  noFail?: boolean;
  trustedRegistries?: string[];
  labelSchema?: Record<string, LabelType>;
  strictLabels?: boolean;
  disableIgnorePragma?: boolean;
  format?: OutputFormat;
  /** `no-color`. */
  noColor?: boolean;
}

export interface HadolintConfig {
  file: string;
  settings: HadolintSettings;
  /** Keys or values not understood, one sentence each naming them (printed on stderr). */
  warnings: string[];
}

/** Where hadolint looks on Linux, in its order; the first that exists is used alone (hadolint's Config/Configfile.hs, findConfig). */
export function hadolintConfigCandidates(
  cwd: string,
  env: Record<string, string | undefined>,
): string[] {
  const home = env.HOME;
  const xdg = env.XDG_CONFIG_HOME || (home ? path.join(home, '.config') : '');
  const candidates = [
    path.join(cwd, '.hadolint.yaml'),
    path.join(cwd, '.hadolint.yml'),
  ];
  if (xdg)
    candidates.push(
      path.join(xdg, 'hadolint.yaml'),
      path.join(xdg, 'hadolint.yml'),
    );
  if (home)
    candidates.push(
      path.join(home, '.hadolint', 'hadolint.yaml'),
      path.join(home, '.hadolint', 'hadolint.yml'),
      path.join(home, '.hadolint', 'config.yaml'),
      path.join(home, '.hadolint', 'config.yml'),
      path.join(home, '.hadolint.yaml'),
      path.join(home, '.hadolint.yml'),
    );
  return candidates;
}

export function findHadolintConfig(
  cwd: string,
  env: Record<string, string | undefined>,
): string | undefined {
  return hadolintConfigCandidates(cwd, env).find(isFile);
}

/** hadolint's failure thresholds; `ignore` and `none` are its lowest severity, below `style`, so any finding fails (a finding fails when its severity is at or above the threshold). */
/** A Map, not an object: `constructor` or `toString` in the file must not find a prototype's function. */
const FAILURE_THRESHOLDS = new Map<string, Severity>([
  ['error', 'error'],
  ['warning', 'warning'],
  ['info', 'info'],
  ['style', 'style'],
  ['ignore', 'style'],
  ['none', 'style'],
]);

/** A value from the file as a warning quotes it: JSON, at most 80 characters. */
export function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every(v => typeof v === 'string')
    ? value
    : undefined;
}

/** Records a setting or value the file has that is not understood. */
type Warn = (text: string) => void;

function readBoolean(
  key: string,
  value: unknown,
  warn: Warn,
): boolean | undefined {
  if (typeof value === 'boolean') return value;
  warn(`${key} must be true or false, not ${shown(value)}; ignored`);
  return undefined;
}

/** `override`: the severity each listed rule id is given, by its level's name. */
function readOverride(value: unknown, warn: Warn): Record<string, Severity> {
  const severity: Record<string, Severity> = {};
  if (!isRecord(value)) {
    warn(
      'override must map error/warning/info/style to lists of rule ids; ignored',
    );
    return severity;
  }
  for (const [level, ids] of Object.entries(value)) {
    const list = stringList(ids);
    if (!SEVERITIES.includes(level as Severity))
      warn(
        `override.${level} is not a severity (expected ${SEVERITIES.join(
          ', ',
        )}); ignored`,
      );
    else if (!list)
      warn(`override.${level} must be a list of rule ids; ignored`);
    else for (const id of list) severity[id] = level as Severity;
  }
  return severity;
}

function readFailureThreshold(
  value: unknown,
  warn: Warn,
): Severity | undefined {
  const threshold =
    typeof value === 'string' ? FAILURE_THRESHOLDS.get(value) : undefined;
  if (!threshold)
    warn(
      `failure-threshold must be one of ${[...FAILURE_THRESHOLDS.keys()].join(
        ', ',
      )}, not ${shown(value)}; ignored`,
    );
  return threshold;
}

/** `label-schema`: undefined when it is not a mapping; a label with an unknown type is left out. */
function readLabelSchema(
  value: unknown,
  warn: Warn,
): Record<string, LabelType> | undefined {
  if (!isRecord(value)) {
    warn('label-schema must map label names to a type; ignored');
    return undefined;
  }
  const schema: Record<string, LabelType> = {};
  for (const [label, type] of Object.entries(value)) {
    if (LABEL_TYPES.includes(type as LabelType))
      schema[label] = type as LabelType;
    else
      warn(
        `label-schema.${label} is ${shown(
          type,
        )}, expected one of ${LABEL_TYPES.join(
          ', ',
        )}; that label is not checked`,
      );
  }
  return schema;
}

function readFormat(value: unknown, warn: Warn): OutputFormat | undefined {
  const format =
    typeof value === 'string' ? outputFormatNamed(value) : undefined;
  if (!format)
    warn(`format ${shown(value)} is not one image-health writes; ignored`);
  return format;
}

/** Reads a hadolint config file; what it does not understand becomes a warning, never silence. */
export function readHadolintConfig(file: string): HadolintConfig {
  const data = readYamlFile(file, 'hadolint config');
  const warnings: string[] = [];
  const settings: HadolintSettings = { ignore: [], severity: {} };
  const warn: Warn = text => warnings.push(`${file}: ${text}`);
  if (data === null || data === undefined) return { file, settings, warnings };
  if (!isRecord(data)) {
    warn('is not a mapping of hadolint settings; it is not used');
    return { file, settings, warnings };
  }
  for (const [key, value] of Object.entries(data)) {
    switch (key) {
      case 'ignored': {
        const ids = stringList(value);
        if (ids) settings.ignore = ids;
        else warn('ignored must be a list of rule ids; ignored');
        break;
      }
      case 'override':
        Object.assign(settings.severity, readOverride(value, warn));
        break;
      case 'failure-threshold': {
        const threshold = readFailureThreshold(value, warn);
        if (threshold) settings.failureThreshold = threshold;
        break;
      }
      case 'no-fail':
        settings.noFail = readBoolean(key, value, warn);
        break;
      case 'strict-labels':
        settings.strictLabels = readBoolean(key, value, warn);
        break;
      case 'disable-ignore-pragma':
        settings.disableIgnorePragma = readBoolean(key, value, warn);
        break;
      case 'no-color':
        settings.noColor = readBoolean(key, value, warn);
        break;
      case 'trustedRegistries': {
        const registries = stringList(value);
        if (registries) settings.trustedRegistries = registries;
        else
          warn('trustedRegistries must be a list of registry hosts; ignored');
        break;
      }
      case 'label-schema': {
        const schema = readLabelSchema(value, warn);
        if (schema) settings.labelSchema = schema;
        break;
      }
      case 'format': {
        const format = readFormat(value, warn);
        if (format) settings.format = format;
        break;
      }
      default:
        warn(`unknown key ${shown(key)}; ignored`);
    }
  }
  return { file, settings, warnings };
}
