import path from 'node:path';
import {
  SEVERITIES,
  type Severity,
} from '@image-health/plugin-image-health-common';
import { LABEL_TYPES, type LabelType } from '../rules/correctness/labelSchema';
import { outputFormatNamed, type OutputFormat } from '../output';
import { isFile, readYamlFile } from './yamlFile';

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
const FAILURE_THRESHOLDS: Record<string, Severity> = {
  error: 'error',
  warning: 'warning',
  info: 'info',
  style: 'style',
  ignore: 'style',
  none: 'style',
};

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

/** Reads a hadolint config file; what it does not understand becomes a warning, never silence. */
export function readHadolintConfig(file: string): HadolintConfig {
  const data = readYamlFile(file, 'hadolint config');
  const warnings: string[] = [];
  const settings: HadolintSettings = { ignore: [], severity: {} };
  const warn = (text: string) => warnings.push(`${file}: ${text}`);
  if (data === null || data === undefined) return { file, settings, warnings };
  if (typeof data !== 'object' || Array.isArray(data)) {
    warn('is not a mapping of hadolint settings; it is not used');
    return { file, settings, warnings };
  }
  const bool = (key: string, value: unknown): boolean | undefined => {
    if (typeof value === 'boolean') return value;
    warn(`${key} must be true or false, not ${shown(value)}; ignored`);
    return undefined;
  };
  for (const [key, value] of Object.entries(data)) {
    switch (key) {
      case 'ignored': {
        const ids = stringList(value);
        if (ids) settings.ignore = ids;
        else warn('ignored must be a list of rule ids; ignored');
        break;
      }
      case 'override': {
        if (
          typeof value !== 'object' ||
          value === null ||
          Array.isArray(value)
        ) {
          warn(
            'override must map error/warning/info/style to lists of rule ids; ignored',
          );
          break;
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
          else for (const id of list) settings.severity[id] = level as Severity;
        }
        break;
      }
      case 'failure-threshold': {
        const threshold =
          typeof value === 'string' ? FAILURE_THRESHOLDS[value] : undefined;
        if (threshold) settings.failureThreshold = threshold;
        else
          warn(
            `failure-threshold must be one of ${Object.keys(
              FAILURE_THRESHOLDS,
            ).join(', ')}, not ${shown(value)}; ignored`,
          );
        break;
      }
      case 'no-fail':
        settings.noFail = bool(key, value);
        break;
      case 'strict-labels':
        settings.strictLabels = bool(key, value);
        break;
      case 'disable-ignore-pragma':
        settings.disableIgnorePragma = bool(key, value);
        break;
      case 'no-color':
        settings.noColor = bool(key, value);
        break;
      case 'trustedRegistries': {
        const registries = stringList(value);
        if (registries) settings.trustedRegistries = registries;
        else
          warn('trustedRegistries must be a list of registry hosts; ignored');
        break;
      }
      case 'label-schema': {
        if (
          typeof value !== 'object' ||
          value === null ||
          Array.isArray(value)
        ) {
          warn('label-schema must map label names to a type; ignored');
          break;
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
        settings.labelSchema = schema;
        break;
      }
      case 'format': {
        const format =
          typeof value === 'string' ? outputFormatNamed(value) : undefined;
        if (format) settings.format = format;
        else
          warn(
            `format ${shown(value)} is not one image-health writes; ignored`,
          );
        break;
      }
      default:
        warn(`unknown key ${shown(key)}; ignored`);
    }
  }
  return { file, settings, warnings };
}
