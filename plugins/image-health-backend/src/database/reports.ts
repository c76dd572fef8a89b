import { Knex } from 'knex';
import { writeSnapshot } from './snapshots';
import {
  computeScore,
  DockerfileDiscovery,
  DockerfileResult,
  HistoryEntry,
  ImageResult,
  Report,
  ReportStatus,
  Score,
  scorecardFacts,
} from '@image-health/plugin-image-health-common';
import { copyTargetFields } from './targets';
import { toIso } from './util';

interface ReportRow {
  entity_ref: string;
  scan_id: string;
  scanned_at: Date | number | string;
  checked_at: Date | number | string;
  status: string;
  error: string | null;
  body: string;
  artifacts: string;
}

type ReportBody = Pick<
  Report,
  'score' | 'dockerfiles' | 'images' | 'discovery'
>;

/** The latest report of an entity with what its scanner needs to reuse unchanged parts. */
export interface StoredReport {
  report: Report;
  /**
   * The scanner's fingerprints of the inputs, kept as opaque JSON; null when
   * no scan ever read anything (a failure recorded before any good scan).
   */
  fingerprints: unknown;
}

/** What one finished scan found, as the scanner hands it to the store. */
export interface ScanResult {
  /** `not-applicable`: nothing to scan (no Dockerfile at the source root, no image). */
  status: ReportStatus | 'not-applicable';
  error?: string;
  score: Score;
  dockerfiles: DockerfileResult[];
  images: ImageResult[];
  /** How the Dockerfiles were found, when no annotation named them. */
  discovery?: DockerfileDiscovery;
  fingerprints: unknown;
  /** Every input was unchanged, so the previous report stands as it is. */
  unchanged: boolean;
}

/** The latest report per entity and the score history of every scan. */
export class ReportStore {
  constructor(private readonly db: Knex) {}

  async getLatest(entityRef: string): Promise<StoredReport | undefined> {
    const row: ReportRow | undefined = await this.db('reports')
      .where({ entity_ref: entityRef })
      .first();
    if (!row) return undefined;
    const body: ReportBody = JSON.parse(row.body);
    const report: Report = {
      entityRef: row.entity_ref,
      scannedAt: toIso(row.scanned_at),
      checkedAt: toIso(row.checked_at),
      status: row.status as ReportStatus,
      ...(row.error ? { error: row.error } : {}),
      score: body.score,
      dockerfiles: body.dockerfiles,
      images: body.images,
      ...(body.discovery ? { discovery: body.discovery } : {}),
    };
    return { report, fingerprints: JSON.parse(row.artifacts) };
  }

  async getHistory(entityRef: string, limit: number): Promise<HistoryEntry[]> {
    const rows = await this.db('score_history')
      .where({ entity_ref: entityRef })
      .orderBy('scanned_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit);
    return rows.map(row => ({
      scanId: row.scan_id,
      scannedAt: toIso(row.scanned_at),
      status: row.status,
      score: row.score ?? null,
      grade: row.grade,
      ...(row.compressed_bytes !== null && row.compressed_bytes !== undefined
        ? { compressedBytes: Number(row.compressed_bytes) }
        : {}),
    }));
  }

  async pruneHistory(before: Date): Promise<number> {
    await this.db('report_snapshots').where('scanned_at', '<', before).delete();
    return this.db('score_history').where('scanned_at', '<', before).delete();
  }

  /**
   * Writes what one scan found, inside the scan's completion transaction.
   * An unchanged scan only records the check; a failed scan keeps the last
   * good content and puts the error beside it.
   */
  async write(
    trx: Knex.Transaction,
    scan: { id: string; entityRef: string; finishedAt: Date },
    result: ScanResult,
  ): Promise<void> {
    const { entityRef, finishedAt } = scan;
    if (result.status === 'not-applicable') {
      // Nothing to scan now, e.g. a root Dockerfile answering 404 (a revoked
      // token, a moved branch): an earlier report stays with the reason beside
      // it; it goes only when the entity leaves the catalog.
      await this.recordFailure(
        trx,
        entityRef,
        result.error ?? 'nothing to scan',
        finishedAt,
      );
      return;
    }
    const existing = await trx('reports')
      .where({ entity_ref: entityRef })
      .select('entity_ref')
      .first();

    if (existing && result.unchanged) {
      await trx('reports')
        .where({ entity_ref: entityRef })
        .update({
          checked_at: finishedAt,
          status: 'ok',
          error: null,
          artifacts: JSON.stringify(result.fingerprints),
        });
      return;
    }
    if (existing && result.status === 'failed') {
      await this.recordFailure(
        trx,
        entityRef,
        result.error ?? 'scan failed',
        finishedAt,
      );
      return;
    }

    await this.writeReport(trx, scan, result, result.status);
  }

  /** A new report: its row (with the scorecard's columns), and when it succeeded a snapshot and a history point. */
  private async writeReport(
    trx: Knex.Transaction,
    scan: { id: string; entityRef: string; finishedAt: Date },
    result: ScanResult,
    status: ReportStatus,
  ): Promise<void> {
    const { entityRef, finishedAt } = scan;
    const body: ReportBody = {
      score: result.score,
      dockerfiles: result.dockerfiles,
      images: result.images,
      ...(result.discovery ? { discovery: result.discovery } : {}),
    };
    const facts = scorecardFacts(body);
    await trx('reports')
      .insert({
        entity_ref: entityRef,
        scan_id: scan.id,
        scanned_at: finishedAt,
        checked_at: finishedAt,
        status,
        error: result.error ?? null,
        score: facts.score,
        grade: facts.grade,
        compressed_bytes: facts.compressedBytes ?? null,
        reclaimable_bytes: facts.reclaimableBytes ?? null,
        base_image: facts.baseImage ?? null,
        user_is_root: facts.userIsRoot ?? null,
        policy_violations: facts.policyViolations ?? null,
        body: JSON.stringify(body),
        artifacts: JSON.stringify(result.fingerprints),
      })
      .onConflict('entity_ref')
      .merge();
    await copyTargetFields(trx, [entityRef]);
    if (status === 'failed') return;

    await writeSnapshot(trx, scan.id, {
      entityRef,
      scannedAt: finishedAt.toISOString(),
      status,
      ...(result.error ? { error: result.error } : {}),
      ...body,
    });
    await trx('score_history').insert({
      entity_ref: entityRef,
      scan_id: scan.id,
      scanned_at: finishedAt,
      status,
      score: facts.score,
      grade: facts.grade,
      compressed_bytes: facts.compressedBytes ?? null,
    });
  }

  /**
   * A scan that failed outright: the report keeps its last good content with
   * the error beside it; an entity never scanned before gets an empty report
   * that says why.
   */
  async recordFailure(
    trx: Knex.Transaction,
    entityRef: string,
    error: string,
    at: Date,
    scanId?: string,
  ): Promise<void> {
    const updated = await trx('reports')
      .where({ entity_ref: entityRef })
      .update({ status: 'failed', error, checked_at: at });
    if (updated > 0 || !scanId) return;
    const score = computeScore({ dockerfiles: [], images: [] });
    await trx('reports').insert({
      entity_ref: entityRef,
      scan_id: scanId,
      scanned_at: at,
      checked_at: at,
      status: 'failed',
      error,
      score: null,
      grade: score.grade,
      body: JSON.stringify({ score, dockerfiles: [], images: [] }),
      artifacts: JSON.stringify(null),
    });
    await copyTargetFields(trx, [entityRef]);
  }
}
