import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ScanStatus } from '@image-health/plugin-image-health-common';
import { ImageHealthStore } from '../database/ImageHealthStore';
import { ScanQueue } from '../database/ScanQueue';
import { EntityScanner } from './EntityScanner';
import { ScanJobRunner } from './ScanWorker';
import { ScanTarget, TARGET_ENTITY_FILTER, targetFromEntity } from './targets';

export interface ScanServiceOptions {
  store: ImageHealthStore;
  queue: ScanQueue;
  scanner: EntityScanner;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  /** How long data of an entity removed from the catalog is kept. */
  removedGracePeriodMs: number;
  /** How long score history and finished scan rows are kept. */
  historyRetentionMs: number;
  /** Called after jobs were queued, so local workers start at once. */
  onQueued?: () => void;
}

export interface PlanSummary {
  targets: number;
  queued: number;
  markedRemoved: number;
  deleted: number;
}

/**
 * Plans scans (the scheduled task), queues on-demand scans, and runs one
 * claimed scan to its stored result (the workers' job).
 */
export class ScanService {
  constructor(private readonly options: ScanServiceOptions) {}

  /** Enqueues one scan per annotated entity and forgets entities long gone. */
  async plan(): Promise<PlanSummary> {
    const { store, queue, catalog, auth, logger } = this.options;
    const startedAt = new Date();
    const credentials = await auth.getOwnServiceCredentials();
    let targets = 0;
    let queued = 0;
    for await (const page of catalog.streamEntities(
      {
        filter: TARGET_ENTITY_FILTER,
        fields: [
          'kind',
          'metadata',
          'spec.owner',
          'spec.type',
          'spec.lifecycle',
          'spec.system',
        ],
      },
      { credentials },
    )) {
      const pageTargets = page.flatMap(entity => {
        const target = targetFromEntity(entity);
        return target ? [target] : [];
      });
      await store.upsertTargets(pageTargets, startedAt);
      targets += pageTargets.length;
      for (const target of pageTargets) {
        const scan = await queue.enqueue(target.entityRef, 'schedule');
        if (new Date(scan.queuedAt) >= startedAt) queued++;
      }
      this.options.onQueued?.();
    }
    // Only a complete enumeration may conclude that an entity is gone.
    const markedRemoved = await store.markUnseenAsRemoved(startedAt);
    const deleted = await store.deleteRemovedBefore(
      new Date(startedAt.getTime() - this.options.removedGracePeriodMs),
    );
    const retentionCutoff = new Date(
      startedAt.getTime() - this.options.historyRetentionMs,
    );
    await store.pruneHistory(retentionCutoff);
    await queue.pruneFinished(retentionCutoff);
    const summary = { targets, queued, markedRemoved, deleted: deleted.length };
    logger.info(
      `planned image health scans: ${targets} entities, ${queued} newly queued, ${markedRemoved} gone from the catalog, data of ${deleted.length} deleted after the grace period`,
    );
    return summary;
  }

  /** Queues a scan of one entity now (the caller has checked permission and visibility). */
  async requestScan(target: ScanTarget): Promise<ScanStatus> {
    await this.options.store.upsertTargets([target], new Date());
    const scan = await this.options.queue.enqueue(target.entityRef, 'manual');
    this.options.onQueued?.();
    return scan;
  }

  readonly runJob: ScanJobRunner = async (scan, { owner }) => {
    const { store, queue, scanner, logger } = this.options;
    const target = await store.getTarget(scan.entityRef);
    if (!target) {
      await queue.complete(
        scan.id,
        owner,
        {
          state: 'failed',
          error: `${scan.entityRef} is no longer a scan target`,
        },
        async () => {},
      );
      return;
    }

    const previous = await store.getPrevious(scan.entityRef);
    let outcome;
    try {
      outcome = await scanner.scan(target, previous);
    } catch (error) {
      // The scanner turns every input's failure into a value; reaching this
      // means something unexpected, still shown to the user beside the last report.
      const reason = `the scan stopped unexpectedly: ${
        isError(error) ? error.message : String(error)
      }`;
      logger.error(`scan ${scan.id} of ${scan.entityRef}: ${reason}`);
      await queue.complete(
        scan.id,
        owner,
        { state: 'failed', error: reason },
        (trx, at) =>
          store.recordFailure(trx, scan.entityRef, reason, at, scan.id),
      );
      return;
    }

    const completed = await queue.complete(
      scan.id,
      owner,
      {
        state: outcome.status === 'failed' ? 'failed' : 'succeeded',
        error: outcome.error,
        checks: outcome.checks,
      },
      (trx, finishedAt) =>
        store.writeOutcome(
          trx,
          { id: scan.id, entityRef: scan.entityRef, finishedAt },
          outcome,
        ),
    );
    if (!completed) {
      logger.warn(
        `scan ${scan.id} of ${scan.entityRef} outlived its lease and was taken over by another worker; its result was discarded`,
      );
    } else if (outcome.error) {
      logger.warn(
        `scan of ${scan.entityRef} ${outcome.status}: ${outcome.error}`,
      );
    }
  };
}
