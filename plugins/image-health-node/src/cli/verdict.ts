import type {
  Finding,
  Severity,
} from '@image-health/plugin-image-health-common';
import {
  outputFormatNamed,
  OUTPUT_FORMATS,
  writeOutput,
  type OutputFormat,
  type OutputInput,
} from '../output';
import { SEVERITIES, type CliConfig } from './config';
import { CliInputError, type CliIO } from './io';

/** `--format`, else the hadolint config's `format`, else `tty`. */
export function chooseFormat(
  flag: string | undefined,
  config: CliConfig,
): OutputFormat {
  if (flag === undefined) return config.hadolint.format ?? 'tty';
  const format = outputFormatNamed(flag);
  if (!format)
    throw new CliInputError(
      `--format must be one of ${OUTPUT_FORMATS.join(', ')}, not "${flag}"`,
    );
  return format;
}

/** `--fail-on`, else the hadolint config's `failure-threshold`, else `error`. */
export function chooseFailOn(
  flag: string | undefined,
  config: CliConfig,
): Severity | 'none' {
  if (flag === undefined) return config.hadolint.failureThreshold ?? 'error';
  if (flag !== 'none' && !SEVERITIES.includes(flag as Severity))
    throw new CliInputError(
      `--fail-on must be one of ${SEVERITIES.join(
        ', ',
      )} or none, not "${flag}"`,
    );
  return flag as Severity | 'none';
}

/** Whether any finding is at or above the threshold (never with hadolint's `no-fail`). */
export function findingsFail(
  findings: Finding[],
  failOn: Severity | 'none',
  config: CliConfig,
): boolean {
  if (failOn === 'none' || config.hadolint.noFail) return false;
  const threshold = SEVERITIES.indexOf(failOn);
  return findings.some(f => SEVERITIES.indexOf(f.severity) <= threshold);
}

/** Prints the result in its format on stdout, and each failed threshold on stderr. */
export function printResult(
  io: CliIO,
  command: string,
  format: OutputFormat,
  input: OutputInput,
  config: CliConfig,
): void {
  io.stdout(
    writeOutput(format, input, {
      color:
        Boolean(io.stdoutIsTerminal) &&
        !config.hadolint.noColor &&
        !(io.env ?? process.env).NO_COLOR,
    }),
  );
  for (const failure of input.failures)
    io.stderr(`image-health ${command}: threshold failed: ${failure}\n`);
}
