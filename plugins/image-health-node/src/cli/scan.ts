import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { listRules } from '../dockerfile/ruleCatalogue';
import { parseReference } from '../registry';
import type { Severity } from '@image-health/plugin-image-health-common';
import type { OutputFormat } from '../output';
import { buildReport, type DockerfileInput, type ScanResult } from '../scan';
import { readPolicyFile, resolveCliConfig, type CliConfig } from './config';
import { cliImageInspector } from './inspect';
import { CliInputError, type CliIO } from './io';
import { readDockerignore } from './lint';
import {
  imageThresholdsFrom,
  judgeThresholds,
  needsDeepAnalysis,
  parseMinCategory,
  parseMinScore,
  type Thresholds,
} from './thresholds';
import {
  chooseFailOn,
  chooseFormat,
  findingsFail,
  printResult,
} from './verdict';
import { CLI_VERSION } from './version';
import {
  DEEP_LIMIT_OPTIONS,
  DEEP_LIMIT_USAGE,
  deepLimitsFrom,
} from './deepAnalysisLimits';

const USAGE = `usage: image-health scan --dockerfile <path>… --image <ref>… [--format tty|json|sarif|checkstyle|codeclimate|gitlab_codeclimate|junit|github] [--fail-on error|warning|info|style|none] [--min-score 0-100] [--min-category size=80,security=70] [--max-size 200MB] [--min-efficiency 0-1] [--max-wasted-bytes 20MB] [--max-wasted-percent 0-1] [--deep] [--platform os/arch] [--insecure-registry host]… [--base-image-mirror registry=mirror]… [--config file] [--policy file] [--entity ref] ${DEEP_LIMIT_USAGE}`;

/**
 * `image-health scan`: the Dockerfiles and images of one component, made
 * into one Report by the scan pipeline the backend uses; this command reads
 * the files, the flags and the config, and prints.
 */
export async function runScan(args: string[], io: CliIO): Promise<number> {
  const { values } = parseScanArgs(args);
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  const dockerfiles = values.dockerfile as string[];
  const images = values.image as string[];
  if (dockerfiles.length === 0 && images.length === 0)
    throw new CliInputError(
      `give a --dockerfile, an --image or both; ${USAGE}`,
    );
  const config = resolveCliConfig(values.config, io, {
    dive: images.length > 0,
  });
  const format = chooseFormat(values.format, config);
  const failOn = chooseFailOn(values['fail-on'], config);
  const thresholds: Thresholds = {
    minScore:
      values['min-score'] === undefined
        ? undefined
        : parseMinScore(values['min-score']),
    minCategory: parseMinCategory(values['min-category'] as string[]),
    ...imageThresholdsFrom(values, config.dive),
  };
  // dive measures every layer: its thresholds turn the deep analysis on.
  const deep = Boolean(values.deep) || needsDeepAnalysis(thresholds);
  const policy = values.policy
    ? readPolicyFile(path.resolve(io.cwd, values.policy))
    : undefined;

  const dockerfileInputs = readDockerfileInputs(dockerfiles, io.cwd);
  const imageHosts = registryHostsOf(images);
  const { mirrors, hosts: mirrorHosts } = parseBaseImageMirrors(
    values['base-image-mirror'] as string[],
  );
  const measuring = Object.keys(mirrors).length > 0;
  const inspector =
    images.length > 0 || measuring
      ? await cliImageInspector({
          refHosts: [...imageHosts, ...mirrorHosts],
          insecureRegistries: values['insecure-registry'] as string[],
          platform: values.platform,
          deep,
          limits: deepLimitsFrom(values),
        })
      : undefined;
  let scan;
  try {
    scan = await buildReport({
      entityRef: values.entity as string,
      dockerfiles: dockerfileInputs,
      images: images.map(ref => ({ kind: 'inspect', ref })),
      rules: config.rules,
      budgets: config.budgets,
      policy,
      inspector,
      baseImages: measuring
        ? inspector?.baseImageMeasurer({ mirrors })
        : undefined,
      platform: values.platform,
      deep,
    });
  } finally {
    await inspector?.close();
  }
  return printScan(io, scan, { format, failOn, thresholds, config });
}

function parseScanArgs(args: string[]) {
  try {
    return parseArgs({
      args,
      options: {
        dockerfile: { type: 'string', multiple: true, default: [] },
        image: { type: 'string', multiple: true, default: [] },
        format: { type: 'string' },
        'fail-on': { type: 'string' },
        'min-score': { type: 'string' },
        'min-category': { type: 'string', multiple: true, default: [] },
        'max-size': { type: 'string' },
        'min-efficiency': { type: 'string' },
        'max-wasted-bytes': { type: 'string' },
        'max-wasted-percent': { type: 'string' },
        deep: { type: 'boolean', default: false },
        platform: { type: 'string' },
        'insecure-registry': { type: 'string', multiple: true, default: [] },
        'base-image-mirror': { type: 'string', multiple: true, default: [] },
        config: { type: 'string' },
        policy: { type: 'string' },
        entity: { type: 'string', default: 'component:default/cli' },
        ...DEEP_LIMIT_OPTIONS,
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new CliInputError(`${(error as Error).message}; ${USAGE}`);
  }
}

/** Each `--dockerfile` read with its .dockerignore; an unreadable one is an input error. */
function readDockerfileInputs(files: string[], cwd: string): DockerfileInput[] {
  return files.map(file => {
    const absolute = path.resolve(cwd, file);
    try {
      return {
        kind: 'read',
        location: file,
        content: fs.readFileSync(absolute, 'utf8'),
        dockerignore: readDockerignore(absolute),
      };
    } catch (error) {
      throw new CliInputError(
        `cannot read ${file}: ${
          (error as NodeJS.ErrnoException).code ?? (error as Error).message
        }`,
      );
    }
  });
}

/** The registry hosts of the `--image` references (local sources have none). */
function registryHostsOf(images: string[]): string[] {
  const hosts: string[] = [];
  for (const ref of images) {
    let parsedRef;
    try {
      parsedRef = parseReference(ref);
    } catch (error) {
      throw new CliInputError((error as Error).message);
    }
    if (parsedRef.kind === 'registry') hosts.push(parsedRef.host);
  }
  return hosts;
}

/**
 * `--base-image-mirror docker.io=localhost:5000`: base-image tags and sizes
 * measured from that mirror (which is then contacted like an image's registry,
 * hence its host in `hosts`).
 */
function parseBaseImageMirrors(pairs: string[]): {
  mirrors: Record<string, string>;
  hosts: string[];
} {
  const mirrors: Record<string, string> = {};
  const hosts: string[] = [];
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0 || eq === pair.length - 1)
      throw new CliInputError(
        `--base-image-mirror takes registry=mirror (e.g. docker.io=harbor.acme.internal/dockerhub-proxy), not "${pair}"`,
      );
    mirrors[pair.slice(0, eq)] = pair.slice(eq + 1);
    hosts.push(pair.slice(eq + 1).split('/')[0]);
  }
  return { mirrors, hosts };
}

/** Prints the report and each image error and unjudged threshold; returns the exit code. */
function printScan(
  io: CliIO,
  scan: ScanResult,
  verdict: {
    format: OutputFormat;
    failOn: Severity | 'none';
    thresholds: Thresholds;
    config: CliConfig;
  },
): number {
  const { format, failOn, thresholds, config } = verdict;
  const { report } = scan;
  const outcome = judgeThresholds(report.images, thresholds, report);
  printResult(
    io,
    'scan',
    format,
    {
      command: 'scan',
      dockerfiles: report.dockerfiles,
      images: report.images,
      report,
      rules: listRules(),
      version: CLI_VERSION,
      failures: outcome.failures,
    },
    config,
  );
  for (const image of scan.images)
    if (image.error) io.stderr(`image-health scan: ${image.error}\n`);
  for (const reason of outcome.unjudged)
    io.stderr(`image-health scan: cannot judge: ${reason}\n`);

  if (report.status === 'failed' || outcome.unjudged.length > 0) return 2;
  if (outcome.failures.length > 0) return 1;
  const findings = [...report.dockerfiles, ...report.images].flatMap(
    r => r.findings,
  );
  return findingsFail(findings, failOn, config) ? 1 : 0;
}
