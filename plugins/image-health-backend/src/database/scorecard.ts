import { Knex } from 'knex';
import {
  Grade,
  GRADES,
  ScorecardPolicyFilter,
  ScorecardResponse,
  ScorecardSortField,
} from '@image-health/plugin-image-health-common';
import { excludeHidden, HiddenSet, HiddenSets } from './hiddenSets';
import {
  isPostgres,
  toBooleanOrUndefined,
  toIso,
  toNumberOrUndefined,
} from './util';

/** Filters and order of the scorecard, already validated by the router. */
export interface ScorecardFilter {
  owner?: string;
  kind?: string;
  type?: string;
  lifecycle?: string;
  system?: string;
  grade?: Grade;
  policy?: ScorecardPolicyFilter;
  q?: string;
  sort: ScorecardSortField;
  order: 'asc' | 'desc';
}

/** The column of `reports` behind each sort field of the API. */
const SORT_COLUMNS: Record<ScorecardSortField, string> = {
  title: 'r.title',
  entityRef: 'r.entity_ref',
  owner: 'r.owner',
  score: 'r.score',
  grade: 'r.grade',
  compressedBytes: 'r.compressed_bytes',
  reclaimableBytes: 'r.reclaimable_bytes',
  policyViolations: 'r.policy_violations',
  scannedAt: 'r.scanned_at',
};

type ScorecardSummary = Pick<ScorecardResponse, 'totals' | 'aggregates'>;

/** How long totals and aggregates of one filter and caller are reused by default. */
export const SCORECARD_SUMMARY_TTL_MS = 10_000;

/**
 * The org-wide scorecard: filters, sorts, pages, totals and aggregates over
 * the latest reports, computed in the database from the columns `reports`
 * carries for it.
 */
export class ScorecardQueries {
  private readonly summaries = new Map<
    string,
    { expiresAt: number; value: Promise<ScorecardSummary> }
  >();

  private readonly hiddenSets: HiddenSets;
  /** Hidden set id → readable count, with the version of the active reports it was counted at. */
  private readonly readableCounts = new Map<
    string,
    { version: string; count: number }
  >();

  constructor(
    private readonly db: Knex,
    private readonly summaryTtlMs = SCORECARD_SUMMARY_TTL_MS,
  ) {
    this.hiddenSets = new HiddenSets(db);
  }

  /** Deletes hidden sets no scorecard request has used since `before`. */
  pruneHiddenSets(before: Date): Promise<number> {
    return this.hiddenSets.pruneUnusedBefore(before);
  }

  /**
   * Entities with a report; with `since`, only those whose report was written
   * since then (what a visibility cache has not seen yet).
   */
  async entityRefs(since?: Date): Promise<string[]> {
    const query = this.db('reports as r')
      .where('r.active', true)
      .select('r.entity_ref');
    if (since) query.where('r.scanned_at', '>=', since);
    const rows = await query;
    return rows.map((r: { entity_ref: string }) => r.entity_ref);
  }

  /**
   * One page of the scorecard with totals and aggregates over every filtered
   * row, computed in the database; `hidden` are entities the caller may not
   * read, stored once per distinct set and left out by an indexed anti-join.
   */
  async page(
    filter: ScorecardFilter,
    page: { offset: number; limit: number },
    hidden: HiddenSet,
  ): Promise<ScorecardResponse> {
    await this.hiddenSets.ensure(hidden);
    const active = () => {
      const query = this.db('reports as r').where('r.active', true);
      excludeHidden(this.db, query, hidden);
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
      // Reports made before violations were counted are neither: unknown.
      if (filter.policy === 'violating')
        query.where('r.policy_violations', '>', 0);
      if (filter.policy === 'compliant') query.where('r.policy_violations', 0);
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
      'r.policy_violations',
      'r.scanned_at',
    );
    const column = SORT_COLUMNS[filter.sort];
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
    const summaryKey = `${hidden.id}:${JSON.stringify(summaryFilter)}`;
    const [rows, summary] = await Promise.all([
      pageQuery,
      this.cachedSummary(summaryKey, () =>
        this.summarize(
          filtered,
          // Without filters every readable row is a filtered row: no second count.
          Object.values(summaryFilter).some(Boolean)
            ? () => this.readableCount(hidden, active)
            : undefined,
        ),
      ),
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
        ...optional(
          'policyViolations',
          toNumberOrUndefined(row.policy_violations),
        ),
        scannedAt: toIso(row.scanned_at),
      })),
      ...summary,
    };
  }

  /**
   * How many active reports the caller may read: the same for every filter,
   * sort and page of the caller, so it is kept per hidden set while the
   * active reports are unchanged, which one index-only query checks on every
   * request (their count and latest scan time: a report becomes active only
   * by a scan, inactive only when its entity leaves). The count itself is a
   * pass over every readable report (25-60 ms at 60,000 of them).
   */
  private async readableCount(
    hidden: HiddenSet,
    active: () => Knex.QueryBuilder,
  ): Promise<number> {
    const [version] = await this.db('reports')
      .where('active', true)
      .select(
        this.db.raw('count(*) as n'),
        this.db.raw('max(scanned_at) as at'),
      );
    const key = `${version.n}:${version.at}`;
    const known = this.readableCounts.get(hidden.id);
    if (known?.version === key) return known.count;
    const [{ entities }] = await active().count({ entities: '*' });
    const count = Number(entities);
    // One entry per distinct visibility; a bound in case there are very many.
    if (this.readableCounts.size >= 1_000) this.readableCounts.clear();
    this.readableCounts.set(hidden.id, { version: key, count });
    return count;
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
    if (this.summaryTtlMs <= 0) return value;
    this.summaries.set(key, { expiresAt: now + this.summaryTtlMs, value });
    value.catch(() => this.summaries.delete(key));
    return value;
  }

  private async summarize(
    filtered: () => Knex.QueryBuilder,
    readableCount: (() => Promise<number>) | undefined,
  ): Promise<ScorecardSummary> {
    const [groups, top, readable] = await Promise.all([
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
      readableCount?.(),
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
      totals: {
        entities: readable ?? filteredCount,
        filtered: filteredCount,
      },
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
