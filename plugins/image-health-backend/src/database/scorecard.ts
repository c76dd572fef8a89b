import { Knex } from 'knex';
import {
  Grade,
  ScorecardPolicyFilter,
  ScorecardResponse,
  ScorecardSortField,
} from '@image-health/plugin-image-health-common';
import { excludeHidden, HiddenSet, HiddenSets } from './hiddenSets';
import {
  EQUALITY_FILTERS,
  groupMatches,
  ScorecardSummary,
  SummaryGroup,
  SummaryGroupsByHiddenSet,
  summaryGroups,
  summaryOf,
} from './scorecardSummary';
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

/** What a scorecard row shows. */
const ROW_COLUMNS = [
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
];

/** Rows in the scorecard's "top reclaimable" list. */
const TOP_RECLAIMABLE = 10;

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
  private readonly readableGroups: SummaryGroupsByHiddenSet;

  constructor(
    private readonly db: Knex,
    private readonly summaryTtlMs = SCORECARD_SUMMARY_TTL_MS,
  ) {
    this.hiddenSets = new HiddenSets(db);
    this.readableGroups = new SummaryGroupsByHiddenSet(db);
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
   * row; `hidden` are entities the caller may not read, stored once per
   * distinct set and left out by an indexed anti-join. Totals and aggregates
   * are sums over the caller's summary groups (kept while the reports they
   * count are unchanged) unless a text search asks the database to group the
   * matching rows.
   */
  async page(
    filter: ScorecardFilter,
    page: { offset: number; limit: number },
    hidden: HiddenSet,
  ): Promise<ScorecardResponse> {
    await this.hiddenSets.ensure(hidden);
    const active = () => this.activeRows(hidden);
    const filtered = () => whereFilter(active(), filter);

    const readableGroups = await this.readableGroups.get(hidden.id, active);
    const readable = entitiesIn(readableGroups);
    // Without a text search, which groups match (and so how many rows) is known.
    const matchingGroups = filter.q
      ? undefined
      : readableGroups.filter(group => groupMatches(group, filter));
    const matching = matchingGroups && entitiesIn(matchingGroups);
    if (matching === 0) return { rows: [], ...summaryOf([], readable, []) };
    const rowsToSort = (rowsWanted: number) =>
      this.rowsToSort(filtered, { rowsWanted, matching, readable });

    const { sort: _sort, order: _order, ...summaryFilter } = filter;
    const [rows, summary] = await Promise.all([
      this.sortedPage(rowsToSort(page.offset + page.limit), filter, page),
      this.cachedSummary(
        `${hidden.id}:${JSON.stringify(summaryFilter)}`,
        async () => {
          // A text search's groups are counted by the database; any other
          // filter's are the readable groups it matches.
          const [groups, top] = await Promise.all([
            matchingGroups ?? summaryGroups(this.db, filtered()),
            topReclaimable(rowsToSort(TOP_RECLAIMABLE)),
          ]);
          return summaryOf(groups, readable, top.map(reclaimableEntry));
        },
      ),
    ]);

    return {
      rows: rows.map(scorecardRow),
      ...summary,
    };
  }

  /** The latest reports, without the entities the caller may not read. */
  private activeRows(hidden: HiddenSet): Knex.QueryBuilder {
    const query = this.db('reports as r').where('r.active', true);
    excludeHidden(this.db, query, hidden);
    return query;
  }

  /**
   * The filtered rows, as a query for the first `rowsWanted` of them in some
   * order should read them. PostgreSQL guesses that matching rows are spread
   * evenly and may walk a sort index past every row a filter or the hidden
   * set leaves out (the whole table when a filter matches only hidden rows).
   * The counts are known, so the cheaper way is chosen here: walking reads
   * about rowsWanted * readable / matching rows, filtering first about
   * `matching` (then sorts them). A text search's count is not known; its
   * trigram index is read first.
   */
  private rowsToSort(
    filtered: () => Knex.QueryBuilder,
    counts: {
      rowsWanted: number;
      matching: number | undefined;
      readable: number;
    },
  ): Knex.QueryBuilder {
    const { rowsWanted, matching, readable } = counts;
    return isPostgres(this.db) &&
      (matching === undefined || matching * matching < rowsWanted * readable)
      ? this.db
          .withMaterialized('matching', filtered().select(ROW_COLUMNS))
          .from('matching as r')
      : filtered();
  }

  /** One page of `rows` in the scorecard's order: empty values last, ties by entity. */
  private sortedPage(
    rows: Knex.QueryBuilder,
    filter: ScorecardFilter,
    page: { offset: number; limit: number },
  ): Knex.QueryBuilder {
    const pageQuery = rows.select(ROW_COLUMNS);
    const column = SORT_COLUMNS[filter.sort];
    if (isPostgres(this.db)) {
      pageQuery.orderBy(column, filter.order, 'last');
    } else {
      // knex drops the column itself from SQLite's "nulls last" emulation.
      pageQuery
        .orderByRaw(`(${column} is null) asc`)
        .orderBy(column, filter.order);
    }
    return pageQuery
      .orderBy('r.entity_ref', 'asc')
      .offset(page.offset)
      .limit(page.limit);
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
}

/** `query` (over `reports as r`) narrowed to the rows `filter` matches. */
function whereFilter(
  query: Knex.QueryBuilder,
  filter: ScorecardFilter,
): Knex.QueryBuilder {
  for (const key of EQUALITY_FILTERS) {
    const value = filter[key];
    if (value) query.where(`r.${key}`, value.toLocaleLowerCase('en-US'));
  }
  if (filter.grade) query.where('r.grade', filter.grade);
  // Reports made before violations were counted are neither: unknown.
  if (filter.policy === 'violating') query.where('r.policy_violations', '>', 0);
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
}

/** A row of `ROW_COLUMNS` as the API returns it. */
function scorecardRow(
  row: Record<string, any>,
): ScorecardResponse['rows'][number] {
  return {
    entityRef: row.entity_ref,
    title: row.title,
    ...(row.owner ? { owner: row.owner } : {}),
    score: row.score ?? null,
    grade: row.grade,
    ...optional('compressedBytes', toNumberOrUndefined(row.compressed_bytes)),
    ...optional('baseImage', row.base_image ?? undefined),
    ...optional('userIsRoot', toBooleanOrUndefined(row.user_is_root)),
    ...optional('reclaimableBytes', toNumberOrUndefined(row.reclaimable_bytes)),
    ...optional('policyViolations', toNumberOrUndefined(row.policy_violations)),
    scannedAt: toIso(row.scanned_at),
  };
}

/** The rows of `rows` with the most reclaimable bytes, for the "top reclaimable" list. */
function topReclaimable(rows: Knex.QueryBuilder): Knex.QueryBuilder {
  return rows
    .where('r.reclaimable_bytes', '>', 0)
    .select('r.entity_ref', 'r.title', 'r.reclaimable_bytes')
    .orderBy('r.reclaimable_bytes', 'desc')
    .orderBy('r.entity_ref', 'asc')
    .limit(TOP_RECLAIMABLE);
}

/** A row of `topReclaimable` as the API returns it. */
function reclaimableEntry(
  row: Record<string, string>,
): NonNullable<ScorecardSummary['aggregates']['topReclaimable']>[number] {
  return {
    entityRef: row.entity_ref,
    title: row.title,
    reclaimableBytes: Number(row.reclaimable_bytes),
  };
}

function entitiesIn(groups: SummaryGroup[]): number {
  return groups.reduce((n, group) => n + group.entities, 0);
}

function optional<K extends string, V>(key: K, value: V | undefined) {
  return (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;
}
