import fs from 'node:fs';
import type { Severity } from '@image-health/plugin-image-health-common';
import { CliInputError } from './io';

// Kept here rather than imported from -common so the CLI bundle does not pull
// in -common's runtime dependencies (permissions) at start-up.
export const SEVERITIES: readonly Severity[] = [
  'error',
  'warning',
  'info',
  'style',
];

/** Rule settings for `lint --config`: the `imageHealth.rules` block of app-config, or that block alone. */
export interface LintConfig {
  ignore: string[];
  severity: Record<string, Severity>;
}

/**
 * Reads a YAML or JSON file holding either a whole app-config
 * (`imageHealth.rules.{ignore,severity}`), a `rules:` block, or
 * `{ ignore, severity }` at the top level.
 */
export async function readLintConfig(file: string): Promise<LintConfig> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliInputError(
      `cannot read config ${file}: ${
        (error as NodeJS.ErrnoException).code ?? (error as Error).message
      }`,
    );
  }
  let data: unknown;
  try {
    // YAML is a superset of JSON; loaded only when a config is given, to keep start-up fast.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { parse } = require('yaml') as typeof import('yaml');
    data = parse(text);
  } catch (error) {
    throw new CliInputError(
      `config ${file} is not valid YAML/JSON: ${
        (error as Error).message.split('\n')[0]
      }`,
    );
  }
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
  return { ignore, severity: severity as Record<string, Severity> };
}
