import {
  Config,
  ConfigReader,
  readDurationFromConfig,
} from '@backstage/config';
import { HumanDuration } from '@backstage/types';
import {
  DEFAULT_BUDGETS,
  Language,
  parseBytes,
  Severity,
  SEVERITIES,
  SizeBudgets,
} from '@image-health/plugin-image-health-common';
import {
  DEFAULT_LAYER_ANALYSIS_LIMITS,
  readImagePolicy,
  SIZE_LIMITS,
  type DeepAnalysisConfig,
  type ImagePolicy,
  type LayerAnalysisLimits,
  type RegistryConfig,
} from '@image-health/plugin-image-health-node';
import {
  DEFAULT_SEARCH_LIMITS,
  DockerfileSearchLimits,
} from './service/dockerfileSearch';

/** `imageHealth.*` of app-config, read once with defaults applied (schema: config.d.ts). */
export interface ImageHealthConfig {
  schedule: {
    frequency: HumanDuration | { cron: string };
    timeout: HumanDuration;
    initialDelay: HumanDuration;
  };
  concurrency: number;
  concurrencyPerRegistry: number;
  platform: string;
  deepAnalysis: DeepAnalysisConfig;
  registries: RegistryConfig[];
  rules: { ignore: string[]; severity: Record<string, Severity> };
  budgets: SizeBudgets;
  /** The organisation's policy; empty when none is configured. */
  policy: ImagePolicy;
  history: { retention: HumanDuration };
  removedEntities: { gracePeriod: HumanDuration };
  queue: { lease: HumanDuration; maxAttempts: number };
  dockerfiles: {
    allowedLocations: string[];
    maxBytes: number;
    search: DockerfileSearchLimits;
  };
  baseImages: { measure: boolean; mirrors: Record<string, string> };
  scanDeadline: HumanDuration;
}

function readDuration(
  config: Config,
  key: string,
  fallback: HumanDuration,
): HumanDuration {
  return config.has(key) ? readDurationFromConfig(config, { key }) : fallback;
}

/** A whole number of at least 1 at `key`, or `fallback` when unset. */
function readCount(config: Config, key: string, fallback: number): number {
  const value = config.getOptionalNumber(key) ?? fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(
      `imageHealth.${key} must be a whole number of at least 1, got ${value}`,
    );
  }
  return value;
}

function readBytes(config: Config, key: string, fallback: number): number {
  if (!config.has(key)) return fallback;
  const raw = config.get(key);
  if (typeof raw !== 'string' && typeof raw !== 'number') {
    throw new Error(`imageHealth.${key} must be a size such as 20MB`);
  }
  try {
    return parseBytes(raw);
  } catch (e) {
    throw new Error(`imageHealth.${key}: ${(e as Error).message}`);
  }
}

/** `imageHealth.deepAnalysis`: every limit of the layer analysis, each at its engine default when absent. */
function readDeepAnalysis(config: Config): DeepAnalysisConfig {
  const limits = { ...DEFAULT_LAYER_ANALYSIS_LIMITS };
  for (const limit of Object.keys(limits) as Array<keyof LayerAnalysisLimits>) {
    const key = `deepAnalysis.${limit}`;
    limits[limit] = SIZE_LIMITS.has(limit)
      ? readBytes(config, key, limits[limit])
      : readCount(config, key, limits[limit]);
  }
  return {
    enabled: config.getOptionalBoolean('deepAnalysis.enabled') ?? true,
    ...limits,
    parallelLayers: config.has('deepAnalysis.parallelLayers')
      ? readCount(config, 'deepAnalysis.parallelLayers', 1)
      : undefined,
  };
}

export function readImageHealthConfig(root: Config): ImageHealthConfig {
  const config = root.getOptionalConfig('imageHealth') ?? new ConfigReader({});

  const frequency: HumanDuration | { cron: string } = config.has(
    'schedule.frequency.cron',
  )
    ? { cron: config.getString('schedule.frequency.cron') }
    : readDuration(config, 'schedule.frequency', { hours: 6 });

  const concurrency = config.getOptionalNumber('concurrency') ?? 4;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new Error(
      `imageHealth.concurrency must be a whole number of at least 1, got ${concurrency}`,
    );
  }

  const concurrencyPerRegistry = readCount(config, 'concurrencyPerRegistry', 4);

  return {
    scanDeadline: readDuration(config, 'scanDeadline', { minutes: 10 }),
    baseImages: {
      measure: config.getOptionalBoolean('baseImages.measure') ?? true,
      mirrors: readMirrors(config),
    },
    dockerfiles: {
      allowedLocations: readAllowedLocations(config),
      maxBytes: readBytes(config, 'dockerfiles.maxBytes', 1024 * 1024),
      search: {
        maxFiles: readCount(
          config,
          'dockerfiles.search.maxFiles',
          DEFAULT_SEARCH_LIMITS.maxFiles,
        ),
        maxDepth: readCount(
          config,
          'dockerfiles.search.maxDepth',
          DEFAULT_SEARCH_LIMITS.maxDepth,
        ),
      },
    },
    schedule: {
      frequency,
      timeout: readDuration(config, 'schedule.timeout', { minutes: 30 }),
      initialDelay: readDuration(config, 'schedule.initialDelay', {
        seconds: 30,
      }),
    },
    concurrency,
    concurrencyPerRegistry,
    platform: config.getOptionalString('platform') ?? 'linux/amd64',
    deepAnalysis: readDeepAnalysis(config),
    registries: readRegistries(config),
    rules: {
      ignore: config.getOptionalStringArray('rules.ignore') ?? [],
      severity: readSeverityOverrides(config),
    },
    budgets: readBudgets(config),
    policy: readImagePolicy(config.getOptional('policy'), 'imageHealth.policy'),
    history: {
      retention: readDuration(config, 'history.retention', { days: 365 }),
    },
    removedEntities: {
      gracePeriod: readDuration(config, 'removedEntities.gracePeriod', {
        days: 7,
      }),
    },
    queue: {
      lease: readDuration(config, 'queue.lease', { minutes: 5 }),
      maxAttempts: config.getOptionalNumber('queue.maxAttempts') ?? 3,
    },
  };
}

/** `rules.severity`: our rule ids or a peer's, each one of the severities. */
function readSeverityOverrides(config: Config): Record<string, Severity> {
  const severity: Record<string, Severity> = {};
  const severityConfig = config.getOptionalConfig('rules.severity');
  for (const ruleId of severityConfig?.keys() ?? []) {
    const value = severityConfig!.getString(ruleId) as Severity;
    if (!SEVERITIES.includes(value)) {
      throw new Error(
        `imageHealth.rules.severity.${ruleId} must be one of ${SEVERITIES.join(
          ', ',
        )}, got "${value}"`,
      );
    }
    severity[ruleId] = value;
  }
  return severity;
}

/** `budgets.<language>`: the size each language's image is judged against. */
function readBudgets(config: Config): SizeBudgets {
  const budgets = { ...DEFAULT_BUDGETS };
  for (const language of Object.keys(DEFAULT_BUDGETS) as Language[]) {
    budgets[language] = readBytes(
      config,
      `budgets.${language}`,
      DEFAULT_BUDGETS[language],
    );
  }
  return budgets;
}

/** `dockerfiles.allowedLocations`: URLs readable beyond an entity's own repository. */
function readAllowedLocations(config: Config): string[] {
  return (
    config.getOptionalStringArray('dockerfiles.allowedLocations') ?? []
  ).map(location => {
    try {
      return new URL(location).toString();
    } catch {
      throw new Error(
        `imageHealth.dockerfiles.allowedLocations: "${location}" is not a URL (write e.g. https://github.com/acme/docker-templates/)`,
      );
    }
  });
}

/** `baseImages.mirrors`: registry → the mirror base images are measured from. */
function readMirrors(config: Config): Record<string, string> {
  const mirrors: Record<string, string> = {};
  for (const entry of config.getOptionalConfigArray('baseImages.mirrors') ??
    []) {
    mirrors[entry.getString('registry')] = entry.getString('mirror');
  }
  return mirrors;
}

/** `registries`: hosts with their auth and whether they are plain HTTP. */
function readRegistries(config: Config): ImageHealthConfig['registries'] {
  return (config.getOptionalConfigArray('registries') ?? []).map(r => ({
    host: r.getString('host'),
    insecure: r.getOptionalBoolean('insecure'),
    auth: r.has('auth')
      ? {
          username: r.getOptionalString('auth.username'),
          password: r.getOptionalString('auth.password'),
          token: r.getOptionalString('auth.token'),
        }
      : undefined,
  }));
}
