import { randomUUID } from 'crypto';
import os from 'os';
import {
  AuthService,
  coreServices,
  createBackendPlugin,
  DatabaseService,
  HttpAuthService,
  HttpRouterService,
  LoggerService,
  PermissionsRegistryService,
  PermissionsService,
  RootConfigService,
  SchedulerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import {
  CatalogService,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import {
  NotificationService,
  notificationService,
} from '@backstage/plugin-notifications-node';
import { durationToMilliseconds } from '@backstage/types';
import { imageHealthPermissions } from '@image-health/plugin-image-health-common';
import * as engine from '@image-health/plugin-image-health-node';
import { ImageHealthConfig, readImageHealthConfig } from './config';
import { ImageHealthStore } from './database/ImageHealthStore';
import { migratedClient } from './database/migrations';
import { readNotificationSettings } from './notifications/config';
import { notifyRegressions } from './notifications/notifyRegressions';
import { ScanQueue } from './database/ScanQueue';
import { DockerfileSource } from './service/DockerfileSource';
import { EntityScanner } from './service/EntityScanner';
import { createRouter, RouterOptions } from './service/router';
import { ScanService } from './service/ScanService';
import { ScanWorker } from './service/ScanWorker';

/**
 * Image Health: scheduled scans of catalog entities' Dockerfiles and images,
 * stored with history and served under `/api/image-health`.
 *
 * @public
 */
export const imageHealthPlugin = createBackendPlugin({
  pluginId: 'image-health',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        urlReader: coreServices.urlReader,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        lifecycle: coreServices.lifecycle,
        catalog: catalogServiceRef,
        notifications: notificationService,
      },
      async init(deps) {
        const config = readImageHealthConfig(deps.config);
        const { store, queue } = await openStorage(deps.database, config);
        const { inspector, scanner, listRules } = createScanner(
          config,
          deps.urlReader,
          deps.logger,
        );
        const { scans, worker } = createScanServices(
          config,
          { store, queue, scanner },
          deps,
        );
        await serveApi(deps, { store, queue, scans, listRules });
        await schedulePlanning(deps.scheduler, config, scans);

        deps.lifecycle.addStartupHook(() => worker.start());
        deps.lifecycle.addShutdownHook(async () => {
          await worker.stop();
          await inspector.close();
        });
      },
    });
  },
});

/** The report store and the scan queue on the migrated database; a job that gives up is recorded as the entity's failure. */
async function openStorage(
  database: DatabaseService,
  config: ImageHealthConfig,
) {
  const db = await migratedClient(database);
  const store = new ImageHealthStore(db);
  const queue = new ScanQueue(db, {
    maxAttempts: config.queue.maxAttempts,
    onAbandoned: (trx, entityRef, error, at) =>
      store.recordFailure(trx, entityRef, error, at),
  });
  return { store, queue };
}

/** The image inspector and the entity scanner as `imageHealth` configures them, and the rule catalogue they judge by. */
function createScanner(
  config: ImageHealthConfig,
  urlReader: UrlReaderService,
  logger: LoggerService,
) {
  const inspector = new engine.ImageInspector({
    registries: config.registries,
    platform: config.platform,
    deepAnalysis: config.deepAnalysis,
    concurrencyPerRegistry: config.concurrencyPerRegistry,
    credentialsHint: host =>
      `check the auth of the imageHealth.registries entry for ${host} in app-config`,
  });
  const listRules = () => [...engine.listRules(), ...engine.listImageRules()];
  const scanner = new EntityScanner({
    source: new DockerfileSource(urlReader, config.dockerfiles.maxBytes),
    inspector,
    baseImages: config.baseImages.measure
      ? inspector.baseImageMeasurer({ mirrors: config.baseImages.mirrors })
      : undefined,
    listRules,
    logger,
    rules: config.rules,
    budgets: config.budgets,
    policy: config.policy,
    imageSettings: {
      platform: config.platform,
      deepAnalysis: config.deepAnalysis,
    },
    search: config.dockerfiles.search,
    allowedLocations: config.dockerfiles.allowedLocations,
  });
  return { inspector, scanner, listRules };
}

/**
 * The scan service and the worker that runs its queued jobs, notifying owners
 * of regressions; queuing a job wakes the worker.
 */
function createScanServices(
  config: ImageHealthConfig,
  {
    store,
    queue,
    scanner,
  }: { store: ImageHealthStore; queue: ScanQueue; scanner: EntityScanner },
  deps: {
    config: RootConfigService;
    logger: LoggerService;
    auth: AuthService;
    catalog: CatalogService;
    notifications: NotificationService;
  },
) {
  let worker: ScanWorker | undefined = undefined;
  const scans = new ScanService({
    store,
    queue,
    scanner,
    catalog: deps.catalog,
    auth: deps.auth,
    logger: deps.logger,
    dockerfilePolicy: config.dockerfiles,
    scanDeadlineMs: durationToMilliseconds(config.scanDeadline),
    removedGracePeriodMs: durationToMilliseconds(
      config.removedEntities.gracePeriod,
    ),
    historyRetentionMs: durationToMilliseconds(config.history.retention),
    onQueued: () => worker?.notify(),
  });
  worker = new ScanWorker({
    queue,
    run: notifyRegressions(scans.runJob, {
      settings: readNotificationSettings(deps.config),
      notifications: deps.notifications,
      reports: store,
      logger: deps.logger,
    }),
    logger: deps.logger,
    owner: `${os.hostname()}:${process.pid}:${randomUUID()}`,
    concurrency: config.concurrency,
    leaseMs: durationToMilliseconds(config.queue.lease),
  });
  return { scans, worker };
}

/** The plugin's permissions, and its API under `/api/image-health`. */
async function serveApi(
  deps: {
    httpRouter: HttpRouterService;
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    permissionsRegistry: PermissionsRegistryService;
    catalog: CatalogService;
  },
  services: Pick<RouterOptions, 'store' | 'queue' | 'scans' | 'listRules'>,
) {
  deps.permissionsRegistry.addPermissions(imageHealthPermissions);
  deps.httpRouter.use(
    await createRouter({
      httpAuth: deps.httpAuth,
      permissions: deps.permissions,
      catalog: deps.catalog,
      ...services,
    }),
  );
}

/** Planning which entities to scan, on `imageHealth.schedule`, by one backend instance at a time. */
async function schedulePlanning(
  scheduler: SchedulerService,
  config: ImageHealthConfig,
  scans: ScanService,
) {
  await scheduler.scheduleTask({
    id: 'image-health-plan-scans',
    scope: 'global',
    frequency: config.schedule.frequency,
    timeout: config.schedule.timeout,
    initialDelay: config.schedule.initialDelay,
    fn: async () => {
      await scans.plan();
    },
  });
}
