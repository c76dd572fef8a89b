import type { Knex } from 'knex';
import type { Report } from '@image-health/plugin-image-health-common';

/** One stored report of one scan. */
export interface ReportSnapshot {
  scanId: string;
  scannedAt: string;
  report: Report;
}

interface SnapshotRow {
  scan_id: string;
  scanned_at: string | Date;
  report: string;
}

function toSnapshot(row: SnapshotRow): ReportSnapshot {
  return {
    scanId: row.scan_id,
    scannedAt: new Date(row.scanned_at).toISOString(),
    report: JSON.parse(row.report) as Report,
  };
}

/** Stores a scan's report as its snapshot, in the scan's own transaction. */
export async function writeSnapshot(
  trx: Knex.Transaction,
  scanId: string,
  report: Report,
): Promise<void> {
  await trx('report_snapshots')
    .insert({
      scan_id: scanId,
      entity_ref: report.entityRef,
      scanned_at: new Date(report.scannedAt),
      report: JSON.stringify(report),
    })
    .onConflict('scan_id')
    .ignore();
}

/**
 * The reports scans stored, one per scan that produced a new one (a scan that
 * changed nothing or failed stores none), for comparing two scans.
 */
export class ReportSnapshots {
  constructor(private readonly db: Knex) {}

  /**
   * The two reports to compare: `to` (default the newest) and `from` (default
   * the one stored before `to`); undefined when either does not exist.
   */
  async pair(
    entityRef: string,
    options: { from?: string; to?: string },
  ): Promise<{ from: ReportSnapshot; to: ReportSnapshot } | undefined> {
    const newest = () =>
      this.db('report_snapshots')
        .where({ entity_ref: entityRef })
        .orderBy('scanned_at', 'desc');
    const toRow: SnapshotRow | undefined = options.to
      ? await newest().where({ scan_id: options.to }).first()
      : await newest().first();
    if (!toRow) return undefined;
    const fromRow: SnapshotRow | undefined = options.from
      ? await newest().where({ scan_id: options.from }).first()
      : await newest()
          .where('scanned_at', '<', new Date(toRow.scanned_at))
          .first();
    if (!fromRow) return undefined;
    return { from: toSnapshot(fromRow), to: toSnapshot(toRow) };
  }
}
