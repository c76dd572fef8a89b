import { Entity } from '@backstage/catalog-model';
import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { isError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ScanStatus } from '@image-health/plugin-image-health-common';
import { ImageHealthStore } from '../database/ImageHealthStore';
import { HIDDEN_SET_UNUSED_MS } from '../database/hiddenSets';
import { ScanQueue } from '../database/ScanQueue';
import { EntityScanner, ScanOutcome } from './EntityScanner';
import { ArtifactFingerprints, PreviousScan } from './incremental';
import { ScanJobRunner } from './ScanWorker';
import {
  DockerfileReadPolicy,
  ScanTarget,
  TARGET_ENTITY_FILTER,
  targetFromEntity,
} from './targets';

export interface ScanServiceOptions {
  /** Where Dockerfiles may be read besides each entity's own repository. */
  dockerfilePolicy?: DockerfileReadPolicy;
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
  /** How long one scan may take in all (`imageHealth.scanDeadline`); then it fails and the last good report stays. */
  scanDeadlineMs: number;
}

/** A scan that outlived `imageHealth.scanDeadline`. */
class ScanDeadlineError extends Error {
  constructor(ms: number) {
    super(
      `the scan did not finish within its deadline of ${Math.round(
        ms / 1000,
      )} s (imageHealth.scanDeadline) and was stopped; the last good report stays`,
    );
  }
}

export interface PlanSummary {
  targets: number;
  queued: number;
  /** Entities that could not be planned (each logged with the reason); the others were. */
  failed: number;
  markedRemoved: number;
  deleted: number;
}

/**
 * Plans scans (the scheduled task), queues on-demand scans, and runs one
 * claimed scan to its stored result (the workers' job).
 */
export class ScanService {
  constructor(private readonly options: ScanServiceOptions) {}

  /** What is scanned for an entity, under the configured Dockerfile read policy. */
  targetOf(entity: Entity): ScanTarget | undefined {
    return targetFromEntity(entity, this.options.dockerfilePolicy);
  }

  /** Enqueues one scan per annotated entity and forgets entities long gone. */
  async plan(): Promise<PlanSummary> {
    const { store, queue, catalog, auth, logger } = this.options;
    const startedAt = new Date();
    const credentials = await auth.getOwnServiceCredentials();
    let targets = 0;
    let queued = 0;
    const failed: string[] = [];
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
      const pageTargets: ScanTarget[] = [];
      for (const entity of page) {
        try {
          const target = this.targetOf(entity);
          if (target) pageTargets.push(target);
        } catch (error) {
          failed.push(this.entityFailed(stringifyEntityRef(entity), error));
        }
      }
      const stored = await this.storeTargets(pageTargets, startedAt, failed);
      targets += stored.length;
      for (const target of stored) {
        try {
          const scan = await queue.enqueue(target.entityRef, 'schedule');
          if (new Date(scan.queuedAt) >= startedAt) queued++;
        } catch (error) {
          failed.push(this.entityFailed(target.entityRef, error));
        }
      }
      this.options.onQueued?.();
    }
    // An entity that failed is still in the catalog: it is not removed.
    await store.markSeen(failed, startedAt);
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
    await store.pruneHiddenSets(
      new Date(startedAt.getTime() - HIDDEN_SET_UNUSED_MS),
    );
    const summary = {
      targets,
      queued,
      failed: failed.length,
      markedRemoved,
      deleted: deleted.length,
    };
    logger.info(
      `planned image health scans: ${targets} entities, ${queued} newly queued, ${failed.length} could not be planned, ${markedRemoved} gone from the catalog, data of ${deleted.length} deleted after the grace period`,
    );
    return summary;
  }

  /**
   * Stores a page of targets; one entity the database refuses must not stop
   * the page, so on failure they are stored one by one. Returns those stored;
   * the refs of the others are added to `failed`.
   */
  private async storeTargets(
    targets: ScanTarget[],
    seenAt: Date,
    failed: string[],
  ): Promise<ScanTarget[]> {
    const { store } = this.options;
    try {
      await store.upsertTargets(targets, seenAt);
      return targets;
    } catch {
      const stored: ScanTarget[] = [];
      for (const target of targets) {
        try {
          await store.upsertTargets([target], seenAt);
          stored.push(target);
        } catch (error) {
          failed.push(this.entityFailed(target.entityRef, error));
        }
      }
      return stored;
    }
  }

  /** Logs why one entity could not be planned; returns its ref. */
  private entityFailed(entityRef: string, error: unknown): string {
    this.options.logger.warn(
      `could not plan the image health scan of ${entityRef}: ${
        isError(error) ? error.message : String(error)
      }`,
    );
    return entityRef;
  }

  /** Queues a scan of one entity now (the caller has checked permission and visibility). */
  async requestScan(target: ScanTarget): Promise<ScanStatus> {
    await this.options.store.upsertTargets([target], new Date());
    const scan = await this.options.queue.enqueue(target.entityRef, 'manual');
    this.options.onQueued?.();
    return scan;
  }

  readonly runJob: ScanJobRunner = async (scan, { owner }) => {
    const { store, queue, logger } = this.options;
    const target = await store.getTarget<ScanTarget>(scan.entityRef);
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

    let outcome: ScanOutcome;
    try {
      outcome = await this.scanWithinDeadline(
        target,
        await this.previousScan(scan.entityRef),
      );
    } catch (error) {
      // The scanner turns every input's failure into a value; reaching this
      // means the deadline or something unexpected, shown beside the last report.
      const reason =
        error instanceof ScanDeadlineError
          ? error.message
          : `the scan stopped unexpectedly: ${
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

  /** The last report with the fingerprints its scan wrote; without them (nothing was ever read) nothing can be reused. */
  private async previousScan(
    entityRef: string,
  ): Promise<PreviousScan | undefined> {
    const stored = await this.options.store.getPrevious(entityRef);
    // The store keeps the fingerprints this scanner wrote as opaque JSON.
    return stored?.fingerprints
      ? {
          report: stored.report,
          fingerprints: stored.fingerprints as ArtifactFingerprints,
        }
      : undefined;
  }

  /**
   * The scanner's outcome, or a ScanDeadlineError once the deadline passes:
   * the scan is then aborted (no further input is read) and its result, if
   * it still comes, is not waited for.
   */
  private async scanWithinDeadline(
    target: ScanTarget,
    previous: PreviousScan | undefined,
  ): Promise<ScanOutcome> {
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        abort.abort();
        reject(new ScanDeadlineError(this.options.scanDeadlineMs));
      }, this.options.scanDeadlineMs);
    });
    try {
      const scanning = this.options.scanner.scan(
        target,
        previous,
        abort.signal,
      );
      scanning.catch(() => {});
      const outcome = await Promise.race([scanning, deadline]);
      return outcome.status === 'not-applicable'
        ? { ...outcome, error: noDockerfileFound(target, outcome) }
        : outcome;
    } finally {
      clearTimeout(timer);
    }
  }
}

function noDockerfileFound(target: ScanTarget, outcome: ScanOutcome): string {
  if (target.searchBase && outcome.discovery?.method === 'search') {
    return `no Dockerfile found under ${target.searchBase}; add an image-health/dockerfile or image-health/image annotation if the Dockerfile lives elsewhere`;
  }
  const where = target.dockerfiles.map(d => d.url ?? d.location).join(', ');
  return `no Dockerfile found at ${where}; add an image-health/dockerfile or image-health/image annotation if the Dockerfile lives elsewhere`;
}
