import path from 'node:path';
import {
  parseBytes,
  SEVERITIES,
  type Severity,
  type SizeBudgets,
} from '@image-health/plugin-image-health-common';
import {
  findDiveCiConfig,
  readDiveCiConfig,
  type DiveThresholds,
} from '../config/diveCi';
import {
  findHadolintConfig,
  readHadolintConfig,
  type HadolintSettings,
} from '../config/hadolint';
import { readYamlFile } from '../config/yamlFile';
import { readImagePolicy, type ImagePolicy } from '../policy';
import type { RuleSettings } from '../scan/ruleSettings';
import { CliInputError, type CliIO } from './io';

// One list for the whole project; esbuild leaves -common's permissions out of the CLI bundle.
export { SEVERITIES };

/** Settings for `--config`: the `imageHealth` block of app-config, or its `rules` block alone. */
export interface LintConfig {
  ignore: string[];
  severity: Record<string, Severity>;
  /** `imageHealth.budgets` in bytes (`scan` judges image size against them). */
  budgets: Partial<SizeBudgets>;
}

/** Keys that make a `--config` file image-health's own rather than hadolint's. */
const OWN_KEYS = ['imageHealth', 'rules', 'budgets', 'ignore', 'severity'];

/**
 * Reads an image-health config: a whole app-config
 * (`imageHealth.rules.{ignore,severity}`, `imageHealth.budgets`), a `rules:`
 * block (and `budgets:`), or `{ ignore, severity }` at the top level.
 */
function lintConfigOf(file: string, data: unknown): LintConfig {
  const root = (data ?? {}) as Record<string, any>;
  const rules = root.imageHealth?.rules ?? root.rules ?? root;
  const ignore = rules.ignore ?? [];
  const severity = rules.severity ?? {};
  if (!Array.isArray(ignore) || ignore.some(i => typeof i !== 'string')) {
    throw new CliInputError(
      `config ${file}: rules.ignore must be a list of rule ids`,
    );
  }
  if (typeof severity !== 'object' || Array.isArray(severity)) {
    throw new CliInputError(
      `config ${file}: rules.severity must map rule ids to ${SEVERITIES.join(
        '|',
      )}`,
    );
  }
  for (const [id, value] of Object.entries(severity)) {
    if (!SEVERITIES.includes(value as Severity)) {
      throw new CliInputError(
        `config ${file}: severity of ${id} is "${value}", expected one of ${SEVERITIES.join(
          ', ',
        )}`,
      );
    }
  }
  const budgetConfig = root.imageHealth?.budgets ?? root.budgets ?? {};
  if (typeof budgetConfig !== 'object' || Array.isArray(budgetConfig)) {
    throw new CliInputError(
      `config ${file}: budgets must map languages to sizes (e.g. go: 20MB)`,
    );
  }
  const budgets: Partial<SizeBudgets> = {};
  for (const [language, size] of Object.entries(budgetConfig)) {
    try {
      budgets[language as keyof SizeBudgets] = parseBytes(size as string);
    } catch (error) {
      throw new CliInputError(
        `config ${file}: budgets.${language}: ${(error as Error).message}`,
      );
    }
  }
  return {
    ignore,
    severity: severity as Record<string, Severity>,
    budgets,
  };
}

/** Everything the config files say to a `lint`, `scan` or `inspect` run. */
export interface CliConfig {
  rules: RuleSettings;
  budgets: Partial<SizeBudgets>;
  /** From `.hadolint.yaml`: its failure threshold, `no-fail`, `format`, `no-color`. */
  hadolint: Pick<
    HadolintSettings,
    'failureThreshold' | 'noFail' | 'format' | 'noColor'
  >;
  /** From `.dive-ci`: dive's thresholds (its defaults for keys it does not set). */
  dive?: DiveThresholds;
}

/**
 * The config of a run, found as the peers find theirs: `--config` (an
 * image-health config, or a hadolint config, told apart by their keys),
 * otherwise hadolint's own search (the working directory, then the user's
 * config directories); `.dive-ci` in the working directory. Anything not
 * understood is a warning on stderr naming it.
 */
export function resolveCliConfig(
  configFlag: string | undefined,
  io: CliIO,
  options: { dive: boolean },
): CliConfig {
  const config: CliConfig = {
    rules: { ignore: [], severity: {} },
    budgets: {},
    hadolint: {},
  };
  let hadolintFile: string | undefined;
  if (configFlag) {
    const file = path.resolve(io.cwd, configFlag);
    const data = readYamlFile(file, 'config');
    const own =
      typeof data === 'object' &&
      data !== null &&
      OWN_KEYS.some(key => key in data);
    if (own || data === null || data === undefined) {
      const lint = lintConfigOf(file, data);
      config.rules = { ignore: lint.ignore, severity: lint.severity };
      config.budgets = lint.budgets;
    } else hadolintFile = file;
  } else hadolintFile = findHadolintConfig(io.cwd, io.env ?? process.env);
  if (hadolintFile) {
    const hadolint = readHadolintConfig(hadolintFile);
    for (const warning of hadolint.warnings)
      io.stderr(`image-health: warning: ${warning}\n`);
    const { settings } = hadolint;
    config.rules = {
      ignore: [...(config.rules.ignore ?? []), ...settings.ignore],
      severity: { ...settings.severity, ...config.rules.severity },
      labelSchema: settings.labelSchema,
      strictLabels: settings.strictLabels,
      trustedRegistries: settings.trustedRegistries,
      disableIgnorePragma: settings.disableIgnorePragma,
    };
    config.hadolint = {
      failureThreshold: settings.failureThreshold,
      noFail: settings.noFail,
      format: settings.format,
      noColor: settings.noColor,
    };
  }
  const diveFile = options.dive ? findDiveCiConfig(io.cwd) : undefined;
  if (diveFile) {
    const dive = readDiveCiConfig(diveFile);
    for (const warning of dive.warnings)
      io.stderr(`image-health: warning: ${warning}\n`);
    config.dive = dive.thresholds;
  }
  return config;
}

/**
 * `--policy file`: the organisation's policy, in the shape of app-config's
 * `imageHealth.policy` — a whole app-config, a `policy:` block, or the
 * block's keys at the top level — checked as the backend checks it.
 */
export function readPolicyFile(file: string): ImagePolicy {
  const root = (readYamlFile(file, 'policy') ?? {}) as Record<string, any>;
  const [block, where] =
    root.imageHealth !== undefined
      ? [root.imageHealth?.policy, 'imageHealth.policy']
      : [root.policy ?? root, 'policy'];
  try {
    return readImagePolicy(block, where);
  } catch (error) {
    throw new CliInputError(`policy ${file}: ${(error as Error).message}`);
  }
}
