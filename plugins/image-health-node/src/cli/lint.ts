import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type {
  DockerfileResult,
  Severity,
} from '@image-health/plugin-image-health-common';
import { analyzeDockerfile, listRules } from '../dockerfile/analyze';
import { readLintConfig, SEVERITIES, type LintConfig } from './config';
import { formatJson, formatSarif, formatText } from './format';
import { CliInputError, type CliIO } from './io';

const FORMATS = ['text', 'json', 'sarif'] as const;
const VERSION = '0.1.0';

/** `image-health lint <Dockerfile…>`: analyses each file; returns the exit code. */
export async function runLint(args: string[], io: CliIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'text' },
        'fail-on': { type: 'string', default: 'error' },
        config: { type: 'string' },
        fix: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new CliInputError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(
      'usage: image-health lint <Dockerfile…> [--format text|json|sarif] [--fail-on error|warning|info|style|none] [--config file] [--fix]\n',
    );
    return 0;
  }
  const format = values.format as (typeof FORMATS)[number];
  if (!FORMATS.includes(format))
    throw new CliInputError(
      `--format must be one of ${FORMATS.join(', ')}, not "${values.format}"`,
    );
  const failOn = values['fail-on'] as Severity | 'none';
  if (failOn !== 'none' && !SEVERITIES.includes(failOn)) {
    throw new CliInputError(
      `--fail-on must be one of ${SEVERITIES.join(
        ', ',
      )} or none, not "${failOn}"`,
    );
  }
  if (positionals.length === 0)
    throw new CliInputError(
      'give at least one Dockerfile: image-health lint <Dockerfile…>',
    );
  const config: LintConfig = values.config
    ? await readLintConfig(path.resolve(io.cwd, values.config))
    : { ignore: [], severity: {} };

  const results: DockerfileResult[] = [];
  for (const file of positionals) {
    const absolute = path.resolve(io.cwd, file);
    let content: string;
    try {
      content = fs.readFileSync(absolute, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const reasons: Record<string, string> = {
        ENOENT: 'no such file',
        EISDIR: 'it is a directory',
      };
      throw new CliInputError(
        `cannot read ${file}: ${
          reasons[code ?? ''] ?? (error as Error).message
        }`,
      );
    }
    const result = analyzeDockerfile({
      location: file,
      content,
      dockerignore: readDockerignore(absolute),
      ignore: config.ignore,
      severity: config.severity,
    });
    if (values.fix && result.suggestedDockerfile !== undefined) {
      fs.writeFileSync(absolute, result.suggestedDockerfile);
    }
    results.push(result);
  }

  if (format === 'json') io.stdout(formatJson(results));
  else if (format === 'sarif')
    io.stdout(formatSarif(results, listRules(), VERSION));
  else io.stdout(formatText(results));

  const broken = results.find(r => r.parseErrors.length > 0);
  if (broken) {
    const error = broken.parseErrors[0];
    io.stderr(
      `image-health lint: ${broken.location}:${error.line ?? 1}: ${
        error.message
      }\n`,
    );
    return 2;
  }
  if (failOn === 'none') return 0;
  const threshold = SEVERITIES.indexOf(failOn);
  const failing = results.some(r =>
    r.findings.some(f => SEVERITIES.indexOf(f.severity) <= threshold),
  );
  return failing ? 1 : 0;
}

/** BuildKit reads `<Dockerfile>.dockerignore` first, then `.dockerignore` in the context (here: the Dockerfile's folder). */
export function readDockerignore(dockerfile: string): string | null {
  for (const candidate of [
    `${dockerfile}.dockerignore`,
    path.join(path.dirname(dockerfile), '.dockerignore'),
  ]) {
    try {
      return fs.readFileSync(candidate, 'utf8');
    } catch {
      continue;
    }
  }
  return null;
}
