import { Knex } from 'knex';
import {
  HistoryEntry,
  Report,
  ScorecardResponse,
} from '@image-health/plugin-image-health-common';
import { ReportStore, ScanResult, StoredReport } from './reports';
import { HiddenSet } from './hiddenSets';
import { ScorecardFilter, ScorecardQueries } from './scorecard';
import { ReportSnapshot, ReportSnapshots } from './snapshots';
import { TargetFields, TargetStore } from './targets';

export type { ScanResult, StoredReport } from './reports';
export type { ScorecardFilter } from './scorecard';
export type { ReportSnapshot } from './snapshots';
export type { TargetFields } from './targets';

/**
 * The plugin's storage behind one object: what is scanned (`targets.ts`),
 * the latest reports and score history (`reports.ts`), and the scorecard's
 * queries (`scorecard.ts`). The scan queue is `ScanQueue.ts`.
 */
export class ImageHealthStore {
  private readonly targets: TargetStore;
  private readonly reports: ReportStore;
  private readonly scorecardQueries: ScorecardQueries;
  private readonly snapshots: ReportSnapshots;

  /**
   * `scorecardSummaryTtlMs`: how long the scorecard's totals and aggregates
   * are reused per filter and caller (0: never; the benchmark measures both).
   */
  constructor(db: Knex, options: { scorecardSummaryTtlMs?: number } = {}) {
    this.snapshots = new ReportSnapshots(db);
    this.targets = new TargetStore(db);
    this.reports = new ReportStore(db);
    this.scorecardQueries = new ScorecardQueries(
      db,
      options.scorecardSummaryTtlMs,
    );
  }

  upsertTargets<T extends TargetFields>(
    targets: T[],
    seenAt: Date,
  ): Promise<void> {
    return this.targets.upsert(targets, seenAt);
  }

  getTarget<T extends TargetFields>(entityRef: string): Promise<T | undefined> {
    return this.targets.get<T>(entityRef);
  }

  markSeen(entityRefs: string[], seenAt: Date): Promise<void> {
    return this.targets.markSeen(entityRefs, seenAt);
  }

  markUnseenAsRemoved(runStartedAt: Date): Promise<number> {
    return this.targets.markUnseenAsRemoved(runStartedAt);
  }

  deleteRemovedBefore(cutoff: Date): Promise<string[]> {
    return this.targets.deleteRemovedBefore(cutoff);
  }

  async getReport(entityRef: string): Promise<Report | undefined> {
    return (await this.reports.getLatest(entityRef))?.report;
  }

  getPrevious(entityRef: string): Promise<StoredReport | undefined> {
    return this.reports.getLatest(entityRef);
  }

  getHistory(entityRef: string, limit: number): Promise<HistoryEntry[]> {
    return this.reports.getHistory(entityRef, limit);
  }

  /** Two stored reports of an entity to compare (default: the latest and the one before it). */
  reportPair(
    entityRef: string,
    scans: { from?: string; to?: string },
  ): Promise<{ from: ReportSnapshot; to: ReportSnapshot } | undefined> {
    return this.snapshots.pair(entityRef, scans);
  }

  pruneHistory(before: Date): Promise<number> {
    return this.reports.pruneHistory(before);
  }

  writeOutcome(
    trx: Knex.Transaction,
    scan: { id: string; entityRef: string; finishedAt: Date },
    result: ScanResult,
  ): Promise<void> {
    return this.reports.write(trx, scan, result);
  }

  recordFailure(
    trx: Knex.Transaction,
    entityRef: string,
    error: string,
    at: Date,
    scanId?: string,
  ): Promise<void> {
    return this.reports.recordFailure(trx, entityRef, error, at, scanId);
  }

  scorecardEntityRefs(since?: Date): Promise<string[]> {
    return this.scorecardQueries.entityRefs(since);
  }

  scorecard(
    filter: ScorecardFilter,
    page: { offset: number; limit: number },
    hidden: HiddenSet,
  ): Promise<ScorecardResponse> {
    return this.scorecardQueries.page(filter, page, hidden);
  }

  pruneHiddenSets(before: Date): Promise<number> {
    return this.scorecardQueries.pruneHiddenSets(before);
  }
}
