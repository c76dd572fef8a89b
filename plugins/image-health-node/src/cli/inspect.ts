import { parseArgs } from 'node:util';
import type { LayerAnalysisLimits } from '../layers/limits';
import {
  DEEP_LIMIT_OPTIONS,
  DEEP_LIMIT_USAGE,
  deepLimitsFrom,
} from './deepAnalysisLimits';
import { listRules } from '../dockerfile/ruleCatalogue';
import { ImageInspector } from '../image';
import {
  canonicalHost,
  InvalidReferenceError,
  loadDockerConfigCredentials,
  parseReference,
  RegistryError,
  type LocalReference,
  type RegistryConfig,
  type RegistryReference,
} from '../registry';
import { redactImageResult } from '../secrets';
import { resolveCliConfig } from './config';
import { CliInputError, type CliIO } from './io';
import {
  imageThresholdsFrom,
  judgeThresholds,
  needsDeepAnalysis,
  type Thresholds,
} from './thresholds';
import {
  chooseFailOn,
  chooseFormat,
  findingsFail,
  printResult,
} from './verdict';
import { CLI_VERSION } from './version';

const USAGE = `usage: image-health inspect <image-ref> [--deep] [--platform os/arch] [--format tty|json|sarif|checkstyle|codeclimate|gitlab_codeclimate|junit|github] [--fail-on error|warning|info|style|none] [--max-size 200MB] [--min-efficiency 0-1] [--max-wasted-bytes 20MB] [--max-wasted-percent 0-1] [--config file] [--insecure-registry host]… ${DEEP_LIMIT_USAGE}`;

/**
 * The inspector the CLI commands use: it may contact only the hosts of the
 * references it was given and those named with --insecure-registry (plain
 * HTTP), with credentials from the user's docker config.json.
 */
export async function cliImageInspector(options: {
  refHosts: string[];
  insecureRegistries: string[];
  platform?: string;
  deep: boolean;
  /** The deep-analysis limits the user set (see deepLimitsFrom). */
  limits: Partial<LayerAnalysisLimits>;
}): Promise<ImageInspector> {
  const insecure = new Set(options.insecureRegistries.map(canonicalHost));
  const hosts = new Set([...insecure, ...options.refHosts.map(canonicalHost)]);
  const credentials = await loadDockerConfigCredentials();
  const registries: RegistryConfig[] = [...hosts].map(host => ({
    host,
    insecure: insecure.has(host),
    auth: credentials.get(host),
  }));
  return new ImageInspector({
    registries,
    platform: options.platform,
    allowLocalSources: true,
    deepAnalysis: { enabled: options.deep, ...options.limits },
    credentialsHint: host =>
      `the credentials for ${host} in your docker config.json (docker login ${host})`,
  });
}

/**
 * `image-health inspect`: inspects one image (a registry reference or a local
 * `oci:`/`docker-archive:` source). Contacts only the reference's own host
 * and the hosts named with --insecure-registry. Exit code 1 when a finding
 * reaches `--fail-on` (default `none`: inspecting is looking) or a threshold fails.
 */
export async function runInspect(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseInspectArgs(args);
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length !== 1)
    throw new CliInputError(
      `expected one image reference, got ${positionals.length}; ${USAGE}`,
    );
  const config = resolveCliConfig(values.config, io, { dive: true });
  const format = chooseFormat(values.format, config);
  const failOn = chooseFailOn(values['fail-on'], config);
  const thresholds: Thresholds = imageThresholdsFrom(values, config.dive);
  // dive measures every layer: its thresholds turn the deep analysis on.
  const deep = Boolean(values.deep) || needsDeepAnalysis(thresholds);
  checkPlatformFlag(values.platform);
  const refText = positionals[0];
  const ref = parseReferenceArgument(refText);

  const inspector = await cliImageInspector({
    refHosts: ref.kind === 'registry' ? [ref.host] : [],
    insecureRegistries: values['insecure-registry'] as string[],
    platform: values.platform,
    deep,
    limits: deepLimitsFrom(values),
  });
  let result;
  try {
    // Printed output leaves the engine: no secret value the image holds goes with it.
    result = redactImageResult(await inspector.inspect(refText, { deep }));
  } catch (error) {
    if (
      error instanceof RegistryError ||
      error instanceof InvalidReferenceError
    )
      throw new CliInputError(error.message);
    throw new CliInputError(
      `cannot inspect ${refText}: ${(error as Error).message}`,
    );
  } finally {
    await inspector.close();
  }
  const outcome = judgeThresholds([result], thresholds);
  printResult(
    io,
    'inspect',
    format,
    {
      command: 'inspect',
      dockerfiles: [],
      images: [result],
      rules: listRules(),
      version: CLI_VERSION,
      failures: outcome.failures,
    },
    config,
  );
  for (const reason of outcome.unjudged)
    io.stderr(`image-health inspect: cannot judge: ${reason}\n`);
  if (outcome.unjudged.length > 0) return 2;
  if (outcome.failures.length > 0) return 1;
  return findingsFail(result.findings, failOn, config) ? 1 : 0;
}

function parseInspectArgs(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        deep: { type: 'boolean', default: false },
        platform: { type: 'string' },
        format: { type: 'string' },
        'fail-on': { type: 'string', default: 'none' },
        config: { type: 'string' },
        'max-size': { type: 'string' },
        'min-efficiency': { type: 'string' },
        'max-wasted-bytes': { type: 'string' },
        'max-wasted-percent': { type: 'string' },
        'insecure-registry': { type: 'string', multiple: true, default: [] },
        ...DEEP_LIMIT_OPTIONS,
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new CliInputError(`${(error as Error).message}; ${USAGE}`);
  }
}

/** `--platform`, when given, must read os/arch[/variant]. */
function checkPlatformFlag(platform: string | undefined): void {
  if (platform && !/^[a-z0-9]+\/[a-z0-9_]+(?:\/[a-z0-9]+)?$/.test(platform)) {
    throw new CliInputError(
      `--platform must be os/arch[/variant], e.g. linux/amd64, not "${platform}"`,
    );
  }
}

/** The image reference argument parsed; an invalid one is an input error. */
function parseReferenceArgument(
  refText: string,
): RegistryReference | LocalReference {
  try {
    return parseReference(refText);
  } catch (error) {
    if (error instanceof InvalidReferenceError)
      throw new CliInputError(error.message);
    throw error;
  }
}
