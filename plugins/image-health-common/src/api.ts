import type { FindingCategory, Grade, ReportStatus, Severity } from './report';

/** Catalog annotations read by Image Health (DESIGN.md "Catalog annotations"). */
export const ANNOTATION_DOCKERFILE = 'image-health/dockerfile';
export const ANNOTATION_IMAGE = 'image-health/image';
export const ANNOTATION_IGNORE = 'image-health/ignore';
/** The entity's own size budget (`250MB`), instead of its language's. */
export const ANNOTATION_SIZE_BUDGET = 'image-health/size-budget';

/** One point of an entity's score history. */
export interface HistoryEntry {
  /** The scan that made this entry; `GET …/changes?from=&to=` compares two of them. */
  scanId?: string;
  scannedAt: string;
  status: ReportStatus;
  score: number | null;
  grade: Grade;
  compressedBytes?: number;
}

export interface HistoryResponse {
  entityRef: string;
  items: HistoryEntry[];
}

export type ScanState = 'queued' | 'running' | 'succeeded' | 'failed';

export interface ScanStatus {
  id: string;
  entityRef: string;
  state: ScanState;
  queuedAt: string;
  startedAt?: string;
  finishedAt?: string;
  error?: string;
}

export interface ScorecardRow {
  entityRef: string;
  title: string;
  owner?: string;
  score: number | null;
  grade: Grade;
  compressedBytes?: number;
  baseImage?: string;
  userIsRoot?: boolean;
  reclaimableBytes?: number;
  /** Policy findings (`imageHealth.policy`) of the report; absent for reports made before policies were counted. */
  policyViolations?: number;
  scannedAt: string;
}

export interface ScorecardResponse {
  rows: ScorecardRow[];
  totals: { entities: number; filtered: number };
  aggregates: {
    gradeDistribution: Record<Grade, number>;
    owners: Array<{
      owner: string;
      entities: number;
      averageScore: number | null;
    }>;
    /** Bytes the filtered entities' images could shed, summed. */
    reclaimableBytes: number;
    /** The filtered entities with the most reclaimable bytes, most first (up to 10). */
    topReclaimable?: Array<{
      entityRef: string;
      title: string;
      reclaimableBytes: number;
    }>;
  };
}

/** One rule of the catalogue, as `GET /v1/rules` lists it. */
export interface RuleInfo {
  id: string;
  title: string;
  category: FindingCategory;
  severity: Severity;
  equivalents: string[];
  description: string;
  docsUrl?: string;
}
