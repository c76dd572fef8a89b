import {
  stringifyEntityRef,
  type CompoundEntityRef,
} from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type {
  Grade,
  HistoryEntry,
  HistoryResponse,
  Report,
  ReportComparison,
  RuleInfo,
  ScanStatus,
  ScorecardResponse,
  ScorecardRow,
} from '@image-health/plugin-image-health-common';
import { compareReports } from '@image-health/plugin-image-health-common';
import type { ImageHealthApi, ScorecardQuery } from '../api';

/**
 * An in-memory Image Health server for component tests: it answers the way
 * the backend's HTTP API does (404 as `undefined`, errors as ResponseError),
 * filters, sorts and pages the scorecard, and runs scans in steps.
 */
export class FakeImageHealthApi implements ImageHealthApi {
  readonly reports = new Map<string, Report>();
  readonly history = new Map<string, HistoryEntry[]>();
  /** Stored reports of past scans by entity and scan id, for `getChanges`. */
  readonly scanReports = new Map<string, Map<string, Report>>();
  readonly changesQueries: Array<{ from?: string; to?: string }> = [];
  readonly scorecardQueries: ScorecardQuery[] = [];
  rows: ScorecardRow[] = [];
  rules: RuleInfo[] = [];
  /** When set, every call fails with this HTTP status. */
  failWith?: number;
  /** How many polls a scan stays `running`, and what it ends as. */
  scanSteps = 1;
  scanOutcome: {
    state: 'succeeded' | 'failed';
    error?: string;
    report?: Report;
  } = { state: 'succeeded' };
  readonly scans = new Map<string, { status: ScanStatus; polls: number }>();

  async getReport(entity: CompoundEntityRef): Promise<Report | undefined> {
    await this.maybeFail();
    return this.reports.get(stringifyEntityRef(entity));
  }

  async getHistory(entity: CompoundEntityRef): Promise<HistoryResponse> {
    await this.maybeFail();
    const entityRef = stringifyEntityRef(entity);
    return { entityRef, items: this.history.get(entityRef) ?? [] };
  }

  async getChanges(
    entity: CompoundEntityRef,
    options: { from?: string; to?: string } = {},
  ): Promise<ReportComparison | undefined> {
    await this.maybeFail();
    this.changesQueries.push(options);
    const entityRef = stringifyEntityRef(entity);
    const stored = this.scanReports.get(entityRef) ?? new Map();
    // As the backend: history ids newest first, `to` the latest, `from` the one before it.
    const ids = (this.history.get(entityRef) ?? [])
      .map(h => h.scanId)
      .filter((id): id is string => id !== undefined && stored.has(id));
    const to = options.to ?? ids[0];
    const from = options.from ?? ids[ids.indexOf(to) + 1];
    if (!to || !from || !stored.has(to) || !stored.has(from)) return undefined;
    return compareReports(stored.get(from)!, stored.get(to)!);
  }

  async requestScan(entity: CompoundEntityRef): Promise<ScanStatus> {
    await this.maybeFail();
    const status: ScanStatus = {
      id: `scan-${this.scans.size + 1}`,
      entityRef: stringifyEntityRef(entity),
      state: 'queued',
      queuedAt: new Date().toISOString(),
    };
    this.scans.set(status.id, { status, polls: 0 });
    return status;
  }

  async getScan(id: string): Promise<ScanStatus> {
    await this.maybeFail();
    const scan = this.scans.get(id);
    if (!scan) throw await this.error(404);
    scan.polls++;
    if (scan.polls <= this.scanSteps) {
      scan.status = { ...scan.status, state: 'running' };
    } else {
      scan.status = {
        ...scan.status,
        state: this.scanOutcome.state,
        error: this.scanOutcome.error,
        finishedAt: new Date().toISOString(),
      };
      if (this.scanOutcome.report) {
        this.reports.set(scan.status.entityRef, this.scanOutcome.report);
      }
    }
    return scan.status;
  }

  async getScorecard(query: ScorecardQuery): Promise<ScorecardResponse> {
    await this.maybeFail();
    this.scorecardQueries.push(query);
    const q = query.q?.toLocaleLowerCase('en-US');
    const filtered = this.rows.filter(
      row =>
        (!query.owner || row.owner === query.owner) &&
        (!query.grade || row.grade === query.grade) &&
        (!query.policy ||
          (row.policyViolations !== undefined &&
            (query.policy === 'violating') === row.policyViolations > 0)) &&
        (!q ||
          row.title.toLocaleLowerCase('en-US').includes(q) ||
          row.entityRef.includes(q)),
    );
    const sort = query.sort ?? 'score';
    const direction = query.order === 'desc' ? -1 : 1;
    const sorted = [...filtered].sort((a, b) => {
      const x = a[sort] ?? -1;
      const y = b[sort] ?? -1;
      if (x === y) return 0;
      return (x < y ? -1 : 1) * direction;
    });
    const offset = query.offset ?? 0;
    const gradeDistribution = {
      A: 0,
      B: 0,
      C: 0,
      D: 0,
      E: 0,
      F: 0,
      'N/A': 0,
    } as Record<Grade, number>;
    const owners = new Map<string, number[]>();
    for (const row of filtered) {
      gradeDistribution[row.grade]++;
      const scores = owners.get(row.owner ?? '') ?? [];
      if (row.score !== null) scores.push(row.score);
      owners.set(row.owner ?? '', scores);
    }
    return {
      rows: sorted.slice(offset, offset + (query.limit ?? 20)),
      totals: { entities: this.rows.length, filtered: filtered.length },
      aggregates: {
        gradeDistribution,
        owners: [...owners.entries()].map(([owner, scores]) => ({
          owner,
          entities: scores.length,
          averageScore: scores.length
            ? scores.reduce((s, v) => s + v, 0) / scores.length
            : null,
        })),
        reclaimableBytes: filtered.reduce(
          (sum, row) => sum + (row.reclaimableBytes ?? 0),
          0,
        ),
        topReclaimable: filtered
          .filter(row => row.reclaimableBytes)
          .sort((a, b) => b.reclaimableBytes! - a.reclaimableBytes!)
          .slice(0, 10)
          .map(row => ({
            entityRef: row.entityRef,
            title: row.title,
            reclaimableBytes: row.reclaimableBytes!,
          })),
      },
    };
  }

  async getRules(): Promise<RuleInfo[]> {
    await this.maybeFail();
    return this.rules;
  }

  private async maybeFail() {
    if (this.failWith) throw await this.error(this.failWith);
  }

  private async error(status: number): Promise<ResponseError> {
    return ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: {
            name: 'Error',
            message: `The Image Health backend answered ${status}`,
          },
          request: { method: 'GET', url: '/api/image-health/v1' },
          response: { statusCode: status },
        }),
        {
          status,
          statusText: 'Internal Server Error',
          headers: { 'content-type': 'application/json' },
        },
      ) as any,
    );
  }
}
