import { gradeOf } from '@image-health/plugin-image-health-common';
import { Knex } from 'knex';

/** What the scorecard reads of one generated report. */
export interface ScorecardRowFacts {
  entityRef: string;
  title: string;
  owner: string;
  lifecycle: string;
  score: number;
  grade: string;
  reclaimableBytes: number | null;
}

/**
 * `count` latest reports as the scan pipeline stores them, spread over 40
 * owners, 30 systems, two lifecycles and every grade; scanned an hour ago,
 * earlier than the visibility cache's look-back, as most entities are.
 * Returns what was written, for tests to compute the expected answer.
 */
export async function insertScorecardReports(
  db: Knex,
  count: number,
): Promise<ScorecardRowFacts[]> {
  const scannedAt = new Date(Date.now() - 3_600_000);
  const facts: ScorecardRowFacts[] = [];
  let batch: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const score = (i * 37) % 101;
    const row: ScorecardRowFacts = {
      entityRef: `component:default/sc-${i}`,
      title: `Scorecard service ${i}`,
      owner: `group:default/team-${i % 40}`,
      lifecycle: i % 4 ? 'production' : 'experimental',
      score,
      grade: gradeOf(score),
      reclaimableBytes: i % 7 ? i * 1000 : null,
    };
    facts.push(row);
    batch.push({
      entity_ref: row.entityRef,
      scan_id: '00000000-0000-4000-8000-000000000000',
      scanned_at: scannedAt,
      checked_at: scannedAt,
      status: 'ok',
      score,
      grade: row.grade,
      compressed_bytes: 1_000_000 + i,
      reclaimable_bytes: row.reclaimableBytes,
      base_image: 'node:20',
      user_is_root: i % 3 === 0,
      body: '{}',
      artifacts: '{}',
      title: row.title,
      owner: row.owner,
      kind: 'component',
      type: 'service',
      lifecycle: row.lifecycle,
      system: `system:default/system-${i % 30}`,
      active: true,
    });
    if (batch.length === 500 || i === count - 1) {
      await db('reports').insert(batch);
      batch = [];
    }
  }
  return facts;
}
