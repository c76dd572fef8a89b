import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type {
  DockerfileResult,
  Severity,
} from '@image-health/plugin-image-health-common';
import { analyzeDockerfile } from '../dockerfile/analyze';
import { listRules } from '../dockerfile/ruleCatalogue';
import { parseDockerfile } from '../dockerfile/parse';
import { applyPolicy } from '../policy';
import { readPolicyFile, resolveCliConfig, type CliConfig } from './config';
import { CliInputError, type CliIO } from './io';
import {
  chooseFailOn,
  chooseFormat,
  findingsFail,
  printResult,
} from './verdict';
import { CLI_VERSION } from './version';

export const LINT_USAGE =
  'usage: image-health lint <Dockerfile…> [--format tty|json|sarif|checkstyle|codeclimate|gitlab_codeclimate|junit|github] [--fail-on error|warning|info|style|none] [--config file] [--policy file] [--fix]';

/** `image-health lint <Dockerfile…>`: analyses each file; returns the exit code. */
export async function runLint(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseLintArgs(args);
  if (values.help) {
    io.stdout(`${LINT_USAGE}\n`);
    return 0;
  }
  const config = resolveCliConfig(values.config, io, { dive: false });
  const format = chooseFormat(values.format, config);
  const failOn = chooseFailOn(values['fail-on'], config);
  if (positionals.length === 0)
    throw new CliInputError(
      'give at least one Dockerfile: image-health lint <Dockerfile…>',
    );
  const policy = values.policy
    ? readPolicyFile(path.resolve(io.cwd, values.policy))
    : undefined;

  let results: DockerfileResult[] = [];
  const contents: string[] = [];
  for (const file of positionals) {
    const absolute = path.resolve(io.cwd, file);
    const content = readDockerfileText(file, absolute);
    const result = analyzeDockerfile({
      location: file,
      content,
      dockerignore: readDockerignore(absolute),
      ...config.rules,
    });
    if (values.fix && result.suggestedDockerfile !== undefined) {
      fs.writeFileSync(absolute, result.suggestedDockerfile);
    }
    results.push(result);
    contents.push(content);
  }
  if (policy)
    results = applyPolicy(policy, {
      dockerfiles: results,
      models: contents.map(content => parseDockerfile(content)),
      images: [],
    }).dockerfiles;

  printResult(
    io,
    'lint',
    format,
    {
      command: 'lint',
      dockerfiles: results,
      images: [],
      rules: listRules(),
      version: CLI_VERSION,
      failures: [],
    },
    config,
  );
  return lintExitCode(io, results, failOn, config);
}

function parseLintArgs(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      options: {
        format: { type: 'string' },
        'fail-on': { type: 'string' },
        config: { type: 'string' },
        policy: { type: 'string' },
        fix: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new CliInputError((error as Error).message);
  }
}

/** The Dockerfile's text; a missing or unreadable file is an input error saying why. */
function readDockerfileText(file: string, absolute: string): string {
  try {
    return fs.readFileSync(absolute, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reasons: Record<string, string> = {
      ENOENT: 'no such file',
      EISDIR: 'it is a directory',
    };
    throw new CliInputError(
      `cannot read ${file}: ${reasons[code ?? ''] ?? (error as Error).message}`,
    );
  }
}

/** 2 (with the first parse error on stderr) when a file did not parse, else 1 when a finding reaches `failOn`, else 0. */
function lintExitCode(
  io: CliIO,
  results: DockerfileResult[],
  failOn: Severity | 'none',
  config: CliConfig,
): number {
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
  return findingsFail(
    results.flatMap(r => r.findings),
    failOn,
    config,
  )
    ? 1
    : 0;
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
