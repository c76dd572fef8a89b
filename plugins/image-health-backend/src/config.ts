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
import type {
  DeepAnalysisConfig,
  RegistryConfig,
} from '@image-health/plugin-image-health-node';

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
  history: { retention: HumanDuration };
  removedEntities: { gracePeriod: HumanDuration };
  queue: { lease: HumanDuration; maxAttempts: number };
}

function readDuration(
  config: Config,
  key: string,
  fallback: HumanDuration,
): HumanDuration {
  return config.has(key) ? readDurationFromConfig(config, { key }) : fallback;
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

  const budgets = { ...DEFAULT_BUDGETS };
  for (const language of Object.keys(DEFAULT_BUDGETS) as Language[]) {
    budgets[language] = readBytes(
      config,
      `budgets.${language}`,
      DEFAULT_BUDGETS[language],
    );
  }

  const concurrencyPerRegistry =
    config.getOptionalNumber('concurrencyPerRegistry') ?? 4;
  if (!Number.isInteger(concurrencyPerRegistry) || concurrencyPerRegistry < 1) {
    throw new Error(
      `imageHealth.concurrencyPerRegistry must be a whole number of at least 1, got ${concurrencyPerRegistry}`,
    );
  }

  return {
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
    deepAnalysis: {
      enabled: config.getOptionalBoolean('deepAnalysis.enabled') ?? true,
      maxLayerBytes: readBytes(
        config,
        'deepAnalysis.maxLayerBytes',
        2 * 1024 ** 3,
      ),
      maxEntries: config.getOptionalNumber('deepAnalysis.maxEntries') ?? 500000,
    },
    registries: (config.getOptionalConfigArray('registries') ?? []).map(r => ({
      host: r.getString('host'),
      insecure: r.getOptionalBoolean('insecure'),
      auth: r.has('auth')
        ? {
            username: r.getOptionalString('auth.username'),
            password: r.getOptionalString('auth.password'),
            token: r.getOptionalString('auth.token'),
          }
        : undefined,
    })),
    rules: {
      ignore: config.getOptionalStringArray('rules.ignore') ?? [],
      severity,
    },
    budgets,
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
