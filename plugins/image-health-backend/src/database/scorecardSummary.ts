import { Knex } from 'knex';
import {
  Grade,
  GRADES,
  ScorecardResponse,
} from '@image-health/plugin-image-health-common';
import type { ScorecardFilter } from './scorecard';

export type ScorecardSummary = Pick<ScorecardResponse, 'totals' | 'aggregates'>;

/** Columns the scorecard filters on by equality, as `reports` stores them (lower case). */
export const EQUALITY_FILTERS = [
  'owner',
  'kind',
  'type',
  'lifecycle',
  'system',
] as const;

/**
 * The reports a caller may read that share every value the scorecard filters
 * on (all but the text search), counted and summed: what totals and
 * aggregates are made of. Without a text search, any filter's summary is a
 * sum over these groups.
 */
export interface SummaryGroup {
  owner: string | null;
  kind: string | null;
  type: string | null;
  lifecycle: string | null;
  system: string | null;
  grade: Grade;
  /** Whether policy violations were counted and found; null when not counted. */
  violating: boolean | null;
  entities: number;
  scored: number;
  scoreSum: number;
  reclaimableBytes: number;
}

const VIOLATING =
  'case when r.policy_violations is null then null when r.policy_violations > 0 then 1 else 0 end';

const GROUP_COLUMNS = [...EQUALITY_FILTERS.map(c => `r.${c}`), 'r.grade'];

/** `query` (over `reports as r`) grouped into {@link SummaryGroup}s. */
export async function summaryGroups(
  db: Knex,
  query: Knex.QueryBuilder,
): Promise<SummaryGroup[]> {
  const rows: Array<Record<string, string | number | null>> = await query
    .select(...GROUP_COLUMNS)
    .select(db.raw(`${VIOLATING} as violating`))
    .count({ entities: '*' })
    .count({ scored: 'r.score' })
    .sum({ scoreSum: 'r.score' })
    .sum({ reclaimableBytes: 'r.reclaimable_bytes' })
    .groupBy(...GROUP_COLUMNS)
    .groupByRaw(VIOLATING);
  return rows.map(row => ({
    owner: row.owner as string | null,
    kind: row.kind as string | null,
    type: row.type as string | null,
    lifecycle: row.lifecycle as string | null,
    system: row.system as string | null,
    grade: row.grade as Grade,
    violating: row.violating === null ? null : Number(row.violating) === 1,
    entities: Number(row.entities),
    scored: Number(row.scored),
    scoreSum: Number(row.scoreSum ?? 0),
    reclaimableBytes: Number(row.reclaimableBytes ?? 0),
  }));
}

/** Whether a group's reports pass every filter but the text search, as the SQL filter would. */
export function groupMatches(
  group: SummaryGroup,
  filter: ScorecardFilter,
): boolean {
  for (const key of EQUALITY_FILTERS) {
    const value = filter[key];
    if (value && group[key] !== value.toLocaleLowerCase('en-US')) return false;
  }
  if (filter.grade && group.grade !== filter.grade) return false;
  if (filter.policy === 'violating' && group.violating !== true) return false;
  if (filter.policy === 'compliant' && group.violating !== false) return false;
  return true;
}

/** Totals and aggregates from the filtered groups, the readable count and the top reclaimable rows. */
export function summaryOf(
  groups: Iterable<SummaryGroup>,
  readable: number,
  top: ScorecardSummary['aggregates']['topReclaimable'],
): ScorecardSummary {
  const gradeDistribution = Object.fromEntries(
    GRADES.map(g => [g, 0]),
  ) as Record<Grade, number>;
  const owners = new Map<
    string,
    { entities: number; scored: number; sum: number }
  >();
  let filtered = 0;
  let reclaimableBytes = 0;
  for (const group of groups) {
    filtered += group.entities;
    reclaimableBytes += group.reclaimableBytes;
    gradeDistribution[group.grade] =
      (gradeDistribution[group.grade] ?? 0) + group.entities;
    if (group.owner) {
      const owner = owners.get(group.owner) ?? {
        entities: 0,
        scored: 0,
        sum: 0,
      };
      owner.entities += group.entities;
      owner.scored += group.scored;
      owner.sum += group.scoreSum;
      owners.set(group.owner, owner);
    }
  }
  return {
    totals: { entities: readable, filtered },
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
      topReclaimable: top,
    },
  };
}

/** Groups kept for all hidden sets together, at most (a bound on memory). */
const MAX_KEPT_GROUPS = 200_000;

/**
 * Each hidden set's {@link SummaryGroup}s, kept while the database's
 * `scorecard_version` (raised by triggers on every change to what they are
 * made of) stays where it was when they were computed. One primary-key read
 * per request checks it; another backend instance's writes raise it too.
 */
export class SummaryGroupsByHiddenSet {
  private readonly kept = new Map<
    string,
    { version: string; groups: Promise<SummaryGroup[]>; size: number }
  >();
  private keptGroups = 0;

  constructor(private readonly db: Knex) {}

  /** The groups of the reports `readable()` selects, the caller's (hidden set `hiddenId`). */
  async get(
    hiddenId: string,
    readable: () => Knex.QueryBuilder,
  ): Promise<SummaryGroup[]> {
    // Read before computing: a write committed in between makes the groups
    // newer than their version says, never older, so they are only recomputed.
    const row = await this.db('scorecard_version')
      .where({ id: 1 })
      .first('version');
    // Without its row (deleted by hand) nothing can be kept: counted each time.
    if (!row) return summaryGroups(this.db, readable());
    const key = String(row.version);
    const known = this.kept.get(hiddenId);
    if (known?.version === key) return known.groups;
    this.forget(hiddenId);
    const groups = summaryGroups(this.db, readable());
    const entry = { version: key, groups, size: 0 };
    this.kept.set(hiddenId, entry);
    try {
      const computed = await groups;
      if (this.kept.get(hiddenId) === entry) {
        entry.size = computed.length;
        this.keptGroups += entry.size;
        this.evictOldestBeyondBound();
      }
      return computed;
    } catch (error) {
      if (this.kept.get(hiddenId) === entry) this.kept.delete(hiddenId);
      throw error;
    }
  }

  private forget(hiddenId: string): void {
    const entry = this.kept.get(hiddenId);
    if (!entry) return;
    this.keptGroups -= entry.size;
    this.kept.delete(hiddenId);
  }

  private evictOldestBeyondBound(): void {
    for (const id of this.kept.keys()) {
      if (this.keptGroups <= MAX_KEPT_GROUPS) return;
      this.forget(id);
    }
  }
}
