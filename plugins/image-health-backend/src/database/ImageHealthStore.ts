import { createHash } from 'crypto';
import { Knex } from 'knex';
import {
  computeScore,
  Grade,
  HistoryEntry,
  Report,
  ReportStatus,
  ScorecardResponse,
} from '@image-health/plugin-image-health-common';
import type {
  ArtifactFingerprints,
  PreviousScan,
  ScanOutcome,
} from '../service/EntityScanner';
import type { ScanTarget } from '../service/targets';
import {
  insertInChunks,
  isPostgres,
  toBooleanOrUndefined,
  toIso,
  toNumberOrUndefined,
} from './util';

interface TargetRow {
  entity_ref: string;
  kind: string;
  namespace: string;
  name: string;
  title: string;
  owner: string | null;
  type: string | null;
  lifecycle: string | null;
  system: string | null;
  spec: string;
  last_seen_at: Date | number | string;
  removed_at: Date | number | string | null;
}

interface ReportRow {
  entity_ref: string;
  scan_id: string;
  scanned_at: Date | number | string;
  checked_at: Date | number | string;
  status: string;
  error: string | null;
  score: number | null;
  grade: string;
  compressed_bytes: number | string | null;
  reclaimable_bytes: number | string | null;
  base_image: string | null;
  user_is_root: boolean | number | null;
  body: string;
  artifacts: string;
}

type ReportBody = Pick<Report, 'score' | 'dockerfiles' | 'images'>;

/** Filters and order of the scorecard, already validated by the router. */
export interface ScorecardFilter {
  owner?: string;
  kind?: string;
  type?: string;
  lifecycle?: string;
  system?: string;
  grade?: Grade;
  q?: string;
  sort: ScorecardSort;
  order: 'asc' | 'desc';
}

export const SCORECARD_SORTS = {
  title: 'r.title',
  entityRef: 'r.entity_ref',
  owner: 'r.owner',
  score: 'r.score',
  grade: 'r.grade',
  compressedBytes: 'r.compressed_bytes',
  reclaimableBytes: 'r.reclaimable_bytes',
  scannedAt: 'r.scanned_at',
} as const;
export type ScorecardSort = keyof typeof SCORECARD_SORTS;

export type ScorecardPage = ScorecardResponse;
type ScorecardSummary = Pick<ScorecardResponse, 'totals' | 'aggregates'>;

const SUMMARY_TTL_MS = 10_000;

const GRADES: Grade[] = ['A', 'B', 'C', 'D', 'E', 'F', 'N/A'];
/** Bound parameters per NOT IN list, well under SQLite's and PostgreSQL's limits. */
const HIDDEN_CHUNK = 5000;

const TARGET_UPSERT_CHUNK = 50;

/**
 * Persistence of targets, reports, findings and score history. Each scan's
 * rows are written by {@link ImageHealthStore.writeOutcome} inside the
 * transaction the queue opens to complete the scan.
 */
export class ImageHealthStore {
  private readonly summaries = new Map<
    string,
    { expiresAt: number; value: Promise<ScorecardSummary> }
  >();

  constructor(private readonly db: Knex) {}

  async upsertTargets(targets: ScanTarget[], seenAt: Date): Promise<void> {
    const rows = targets.map(target => ({
      entity_ref: target.entityRef,
      // Identifiers are stored lowercased, as the catalog compares them, so
      // the scorecard's filters are plain indexed equality.
      kind: target.kind.toLocaleLowerCase('en-US'),
      namespace: target.namespace,
      name: target.name,
      title: target.title,
      owner: target.owner?.toLocaleLowerCase('en-US') ?? null,
      type: target.type?.toLocaleLowerCase('en-US') ?? null,
      lifecycle: target.lifecycle?.toLocaleLowerCase('en-US') ?? null,
      system: target.system?.toLocaleLowerCase('en-US') ?? null,
      spec: JSON.stringify({
        dockerfiles: target.dockerfiles,
        defaultDockerfile: target.defaultDockerfile,
        images: target.images,
        ignore: target.ignore,
      }),
      last_seen_at: seenAt,
      removed_at: null,
    }));
    for (let i = 0; i < rows.length; i += TARGET_UPSERT_CHUNK) {
      const chunk = rows.slice(i, i + TARGET_UPSERT_CHUNK);
      await this.db('targets').insert(chunk).onConflict('entity_ref').merge();
      await copyTargetFields(
        this.db,
        chunk.map(r => r.entity_ref),
      );
    }
  }

  async getTarget(entityRef: string): Promise<ScanTarget | undefined> {
    const row: TargetRow | undefined = await this.db('targets')
      .where({ entity_ref: entityRef })
      .first();
    if (!row) return undefined;
    const spec = JSON.parse(row.spec);
    return {
      entityRef: row.entity_ref,
      kind: row.kind,
      namespace: row.namespace,
      name: row.name,
      title: row.title,
      owner: row.owner ?? undefined,
      type: row.type ?? undefined,
      lifecycle: row.lifecycle ?? undefined,
      system: row.system ?? undefined,
      dockerfiles: spec.dockerfiles,
      defaultDockerfile: spec.defaultDockerfile,
      images: spec.images,
      ignore: spec.ignore,
    };
  }

  /** Targets not seen by the planning run that started at `runStartedAt` are marked removed. */
  async markUnseenAsRemoved(runStartedAt: Date): Promise<number> {
    const marked = await this.db('targets')
      .where('last_seen_at', '<', runStartedAt)
      .whereNull('removed_at')
      .update({ removed_at: runStartedAt });
    if (marked > 0) {
      await this.db('reports')
        .where('active', true)
        .whereIn(
          'entity_ref',
          this.db('targets').whereNotNull('removed_at').select('entity_ref'),
        )
        .update({ active: false });
    }
    return marked;
  }

  /** Deletes every row of entities removed from the catalog before `cutoff`. */
  async deleteRemovedBefore(cutoff: Date): Promise<string[]> {
    return this.db.transaction(async trx => {
      const refs: string[] = (
        await trx('targets')
          .where('removed_at', '<', cutoff)
          .select('entity_ref')
      ).map((r: { entity_ref: string }) => r.entity_ref);
      for (let i = 0; i < refs.length; i += 200) {
        const chunk = refs.slice(i, i + 200);
        for (const table of [
          'findings',
          'score_history',
          'reports',
          'targets',
        ]) {
          await trx(table).whereIn('entity_ref', chunk).delete();
        }
        await trx('scans')
          .whereIn('entity_ref', chunk)
          .whereNotIn('state', ['queued', 'running'])
          .delete();
      }
      return refs;
    });
  }

  async pruneHistory(before: Date): Promise<number> {
    return this.db('score_history').where('scanned_at', '<', before).delete();
  }

  async getReport(entityRef: string): Promise<Report | undefined> {
    return (await this.getPrevious(entityRef))?.report;
  }

  async getPrevious(entityRef: string): Promise<PreviousScan | undefined> {
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
      scannedAt: toIso(row.scanned_at),
      status: row.status,
      score: row.score ?? null,
      grade: row.grade,
      ...(row.compressed_bytes !== null && row.compressed_bytes !== undefined
        ? { compressedBytes: Number(row.compressed_bytes) }
        : {}),
    }));
  }

  /**
   * Writes what one scan found, inside the scan's completion transaction.
   * An unchanged scan only records the check; a failed scan keeps the last
   * good content and puts the error beside it.
   */
  async writeOutcome(
    trx: Knex.Transaction,
    scan: { id: string; entityRef: string; finishedAt: Date },
    outcome: ScanOutcome,
  ): Promise<void> {
    const { entityRef, finishedAt } = scan;
    if (outcome.status === 'not-applicable') {
      await this.deleteReport(trx, entityRef);
      return;
    }
    const existing = await trx('reports')
      .where({ entity_ref: entityRef })
      .select('entity_ref')
      .first();

    if (existing && outcome.unchanged) {
      await trx('reports')
        .where({ entity_ref: entityRef })
        .update({
          checked_at: finishedAt,
          status: 'ok',
          error: null,
          artifacts: JSON.stringify(outcome.fingerprints),
        });
      return;
    }
    if (existing && outcome.status === 'failed') {
      await this.recordFailure(
        trx,
        entityRef,
        outcome.error ?? 'scan failed',
        finishedAt,
      );
      return;
    }

    const images = outcome.images;
    const reclaimable = images.filter(i => i.reclaimableBytes !== undefined);
    const finalBase = outcome.dockerfiles
      .flatMap(d => d.stages.filter(s => s.final).map(s => s.baseImage))
      .find(Boolean);
    const row = {
      entity_ref: entityRef,
      scan_id: scan.id,
      scanned_at: finishedAt,
      checked_at: finishedAt,
      status: outcome.status,
      error: outcome.error ?? null,
      score: outcome.score.value,
      grade: outcome.score.grade,
      compressed_bytes: images.length
        ? Math.max(...images.map(i => i.compressedBytes))
        : null,
      reclaimable_bytes: reclaimable.length
        ? reclaimable.reduce((sum, i) => sum + (i.reclaimableBytes ?? 0), 0)
        : null,
      base_image: images.find(i => i.baseImage)?.baseImage ?? finalBase ?? null,
      user_is_root: images.length ? images.some(i => i.userIsRoot) : null,
      body: JSON.stringify({
        score: outcome.score,
        dockerfiles: outcome.dockerfiles,
        images,
      } satisfies ReportBody),
      artifacts: JSON.stringify(outcome.fingerprints),
    };
    await trx('reports').insert(row).onConflict('entity_ref').merge();
    await copyTargetFields(trx, [entityRef]);

    await trx('findings').where({ entity_ref: entityRef }).delete();
    await insertInChunks(
      trx,
      'findings',
      [
        ...outcome.dockerfiles.flatMap(d =>
          d.findings.map(f => ({
            f,
            source: 'dockerfile',
            location: f.file ?? d.location,
          })),
        ),
        ...images.flatMap(i =>
          i.findings.map(f => ({
            f,
            source: 'image',
            location: f.layer ?? i.ref,
          })),
        ),
      ].map(({ f, source, location }) => ({
        entity_ref: entityRef,
        scan_id: scan.id,
        rule_id: f.ruleId,
        category: f.category,
        severity: f.severity,
        source,
        location,
        line: f.line ?? null,
        message: f.message,
      })),
    );

    if (outcome.status !== 'failed') {
      await trx('score_history').insert({
        entity_ref: entityRef,
        scan_id: scan.id,
        scanned_at: finishedAt,
        status: outcome.status,
        score: outcome.score.value,
        grade: outcome.score.grade,
        compressed_bytes: row.compressed_bytes,
      });
    }
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
    const emptyFingerprints: ArtifactFingerprints = {
      settings: '',
      dockerfiles: {},
      images: {},
    };
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
      artifacts: JSON.stringify(emptyFingerprints),
    });
    await copyTargetFields(trx, [entityRef]);
  }

  private async deleteReport(trx: Knex.Transaction, entityRef: string) {
    await trx('findings').where({ entity_ref: entityRef }).delete();
    await trx('reports').where({ entity_ref: entityRef }).delete();
  }

  /**
   * Entities with a report; with `since`, only those whose report was written
   * since then (what a visibility cache has not seen yet).
   */
  async scorecardEntityRefs(since?: Date): Promise<string[]> {
    const query = this.db('reports as r')
      .where('r.active', true)
      .select('r.entity_ref');
    if (since) query.where('r.scanned_at', '>=', since);
    const rows = await query;
    return rows.map((r: { entity_ref: string }) => r.entity_ref);
  }

  /**
   * One page of the scorecard with totals and aggregates over every filtered
   * row, computed in the database; `hidden` are entities the caller may not read.
   */
  async scorecard(
    filter: ScorecardFilter,
    page: { offset: number; limit: number },
    hidden: string[],
  ): Promise<ScorecardPage> {
    const active = () => {
      const query = this.db('reports as r').where('r.active', true);
      for (let i = 0; i < hidden.length; i += HIDDEN_CHUNK) {
        query.whereNotIn('r.entity_ref', hidden.slice(i, i + HIDDEN_CHUNK));
      }
      return query;
    };
    const filtered = () => {
      const query = active();
      for (const key of [
        'owner',
        'kind',
        'type',
        'lifecycle',
        'system',
      ] as const) {
        const value = filter[key];
        if (value) query.where(`r.${key}`, value.toLocaleLowerCase('en-US'));
      }
      if (filter.grade) query.where('r.grade', filter.grade);
      if (filter.q) {
        const pattern = `%${filter.q
          .toLocaleLowerCase('en-US')
          .replace(/[\\%_]/g, c => `\\${c}`)}%`;
        query.where(inner =>
          inner
            .whereRaw(`lower(r.title) like ? escape '\\'`, [pattern])
            .orWhereRaw(`r.entity_ref like ? escape '\\'`, [pattern]),
        );
      }
      return query;
    };

    const pageQuery = filtered().select(
      'r.entity_ref',
      'r.title',
      'r.owner',
      'r.score',
      'r.grade',
      'r.compressed_bytes',
      'r.base_image',
      'r.user_is_root',
      'r.reclaimable_bytes',
      'r.scanned_at',
    );
    const column = SCORECARD_SORTS[filter.sort];
    if (isPostgres(this.db)) {
      pageQuery.orderBy(column, filter.order, 'last');
    } else {
      // knex drops the column itself from SQLite's "nulls last" emulation.
      pageQuery
        .orderByRaw(`(${column} is null) asc`)
        .orderBy(column, filter.order);
    }
    pageQuery
      .orderBy('r.entity_ref', 'asc')
      .offset(page.offset)
      .limit(page.limit);

    const { sort: _sort, order: _order, ...summaryFilter } = filter;
    const summaryKey = createHash('sha1')
      .update(JSON.stringify({ summaryFilter, hidden }))
      .digest('hex');
    const [rows, summary] = await Promise.all([
      pageQuery,
      this.cachedSummary(summaryKey, () => this.summarize(filtered, active)),
    ]);

    return {
      rows: rows.map(row => ({
        entityRef: row.entity_ref,
        title: row.title,
        ...(row.owner ? { owner: row.owner } : {}),
        score: row.score ?? null,
        grade: row.grade,
        ...optional(
          'compressedBytes',
          toNumberOrUndefined(row.compressed_bytes),
        ),
        ...optional('baseImage', row.base_image ?? undefined),
        ...optional('userIsRoot', toBooleanOrUndefined(row.user_is_root)),
        ...optional(
          'reclaimableBytes',
          toNumberOrUndefined(row.reclaimable_bytes),
        ),
        scannedAt: toIso(row.scanned_at),
      })),
      ...summary,
    };
  }

  /**
   * Totals and aggregates change only when scans finish, so they are kept
   * for a few seconds per filter; paging through the scorecard reuses them.
   */
  private async cachedSummary(
    key: string,
    compute: () => Promise<ScorecardSummary>,
  ): Promise<ScorecardSummary> {
    const now = Date.now();
    const hit = this.summaries.get(key);
    if (hit && hit.expiresAt > now) return hit.value;
    for (const [k, v] of this.summaries) {
      if (v.expiresAt <= now) this.summaries.delete(k);
    }
    const value = compute();
    this.summaries.set(key, { expiresAt: now + SUMMARY_TTL_MS, value });
    value.catch(() => this.summaries.delete(key));
    return value;
  }

  private async summarize(
    filtered: () => Knex.QueryBuilder,
    active: () => Knex.QueryBuilder,
  ): Promise<ScorecardSummary> {
    const [groups, top, [{ entities }]] = await Promise.all([
      filtered()
        .select('r.owner', 'r.grade')
        .count({ n: '*' })
        .count({ scored: 'r.score' })
        .sum({ scoreSum: 'r.score' })
        .sum({ reclaimable: 'r.reclaimable_bytes' })
        .groupBy('r.owner', 'r.grade'),
      filtered()
        .where('r.reclaimable_bytes', '>', 0)
        .select('r.entity_ref', 'r.title', 'r.reclaimable_bytes')
        .orderBy('r.reclaimable_bytes', 'desc')
        .orderBy('r.entity_ref', 'asc')
        .limit(10),
      active().count({ entities: '*' }),
    ]);

    const gradeDistribution = Object.fromEntries(
      GRADES.map(g => [g, 0]),
    ) as Record<Grade, number>;
    const owners = new Map<
      string,
      { entities: number; scored: number; sum: number }
    >();
    let filteredCount = 0;
    let reclaimableBytes = 0;
    for (const group of groups as Array<
      Record<string, string | number | null>
    >) {
      const n = Number(group.n);
      filteredCount += n;
      reclaimableBytes += Number(group.reclaimable ?? 0);
      const grade = group.grade as Grade;
      gradeDistribution[grade] = (gradeDistribution[grade] ?? 0) + n;
      if (group.owner) {
        const owner = owners.get(String(group.owner)) ?? {
          entities: 0,
          scored: 0,
          sum: 0,
        };
        owner.entities += n;
        owner.scored += Number(group.scored);
        owner.sum += Number(group.scoreSum ?? 0);
        owners.set(String(group.owner), owner);
      }
    }

    return {
      totals: { entities: Number(entities), filtered: filteredCount },
      aggregates: {
        gradeDistribution,
        // Worst average first: where help is needed most.
        owners: [...owners.entries()]
          .map(([owner, o]) => ({
            owner,
            entities: o.entities,
            averageScore: o.scored
              ? Math.round((o.sum / o.scored) * 10) / 10
              : null,
          }))
          .sort(
            (a, b) =>
              (a.averageScore ?? 101) - (b.averageScore ?? 101) ||
              a.owner.localeCompare(b.owner),
          ),
        reclaimableBytes,
        topReclaimable: top.map((row: Record<string, string>) => ({
          entityRef: row.entity_ref,
          title: row.title,
          reclaimableBytes: Number(row.reclaimable_bytes),
        })),
      },
    };
  }
}

function optional<K extends string, V>(key: K, value: V | undefined) {
  return (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;
}

const COPIED_TARGET_FIELDS = [
  'title',
  'owner',
  'kind',
  'type',
  'lifecycle',
  'system',
] as const;

/**
 * Keeps the scorecard's copy of the target fields on `reports` in step with
 * `targets`, so the scorecard reads one table.
 */
async function copyTargetFields(
  db: Knex | Knex.Transaction,
  entityRefs: string[],
): Promise<void> {
  if (entityRefs.length === 0) return;
  const source = (column: string) =>
    `(select t.${column} from targets t where t.entity_ref = reports.entity_ref)`;
  const sets = COPIED_TARGET_FIELDS.map(c => `${c} = ${source(c)}`).join(', ');
  await db.raw(
    `update reports set ${sets}, active = coalesce((select t.removed_at is null from targets t where t.entity_ref = reports.entity_ref), false) where entity_ref in (${entityRefs
      .map(() => '?')
      .join(', ')})`,
    entityRefs,
  );
}
