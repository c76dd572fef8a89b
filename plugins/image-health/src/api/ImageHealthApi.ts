import { createApiRef } from '@backstage/core-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import type {
  Grade,
  HistoryResponse,
  Report,
  ReportComparison,
  RuleInfo,
  ScanStatus,
  ScorecardPolicyFilter,
  ScorecardResponse,
  ScorecardSortField,
} from '@image-health/plugin-image-health-common';

/** Filters, sorting and paging of `GET /v1/scorecard`; all optional. */
export interface ScorecardQuery {
  owner?: string;
  kind?: string;
  type?: string;
  lifecycle?: string;
  system?: string;
  grade?: Grade;
  /** Entities with policy findings, or without. */
  policy?: ScorecardPolicyFilter;
  /** Free text, matched against name and title. */
  q?: string;
  sort?: ScorecardSortField;
  order?: 'asc' | 'desc';
  offset?: number;
  limit?: number;
}

/** The Image Health backend as the frontend sees it. */
export interface ImageHealthApi {
  /** The latest report of an entity, or `undefined` when it was never scanned. */
  getReport(entity: CompoundEntityRef): Promise<Report | undefined>;
  /** Score history, newest first. */
  getHistory(
    entity: CompoundEntityRef,
    options?: { limit?: number },
  ): Promise<HistoryResponse>;
  /**
   * What changed between two scans of an entity (by scan id, from the history):
   * by default the latest scan against the one before it. `undefined` when
   * there are not two stored reports to compare yet.
   */
  getChanges(
    entity: CompoundEntityRef,
    options?: { from?: string; to?: string },
  ): Promise<ReportComparison | undefined>;
  /** Queues a scan now; needs the `image-health.scan.create` permission. */
  requestScan(entity: CompoundEntityRef): Promise<ScanStatus>;
  getScan(id: string): Promise<ScanStatus>;
  getScorecard(query: ScorecardQuery): Promise<ScorecardResponse>;
  getRules(): Promise<RuleInfo[]>;
}

export const imageHealthApiRef = createApiRef<ImageHealthApi>({
  id: 'plugin.image-health.service',
});
