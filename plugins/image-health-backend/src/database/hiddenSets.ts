import { createHash } from 'crypto';
import { Knex } from 'knex';
import { isPostgres } from './util';

/**
 * Entities one caller may not read, named by a hash of its content: callers
 * with the same visibility share one stored set.
 */
export interface HiddenSet {
  readonly id: string;
  readonly refs: readonly string[];
}

/** The set of `refs`, in a canonical order so equal sets get the same id. */
export function hiddenSetOf(refs: Iterable<string>): HiddenSet {
  const sorted = [...new Set(refs)].sort();
  const hash = createHash('sha256');
  for (const ref of sorted) hash.update(ref).update('\n');
  return { id: hash.digest('hex'), refs: sorted };
}

/**
 * How long a process trusts that a set it stored or touched is still there.
 * Sets are pruned only after a day unused ({@link HIDDEN_SET_UNUSED_MS}), so a
 * set touched within this window cannot be gone.
 */
const TRUSTED_MS = 10 * 60 * 1000;
/** A set nobody has used for this long is deleted by the planner. */
export const HIDDEN_SET_UNUSED_MS = 24 * 60 * 60 * 1000;
const INSERT_CHUNK = 500;

/**
 * The scorecard's hidden sets in the database (`scorecard_hidden_sets` and
 * `scorecard_hidden_refs`). Each distinct set is written once; its statements
 * then leave hidden entities out with an indexed anti-join instead of
 * carrying every hidden ref as a parameter (40,000 refs were 1.2 MB sent and
 * parsed per statement, three or four statements per request).
 */
export class HiddenSets {
  /** Set id → when this process last wrote or touched it. */
  private readonly trusted = new Map<string, number>();

  constructor(private readonly db: Knex) {}

  /** Makes sure `set` is stored (and marks it used) before it is queried. */
  async ensure(set: HiddenSet): Promise<void> {
    if (set.refs.length === 0) return;
    const now = Date.now();
    const touched = this.trusted.get(set.id);
    if (touched !== undefined && now - touched < TRUSTED_MS) return;
    await this.db.transaction(async tx => {
      const usedAt = new Date(now);
      const updated = await tx('scorecard_hidden_sets')
        .where({ id: set.id })
        .update({ used_at: usedAt });
      if (updated > 0) return;
      // Another instance may write the same set at the same time: both
      // inserts ignore conflicts, and PostgreSQL makes the second wait for
      // the first's commit, so the set is complete either way.
      await tx('scorecard_hidden_sets')
        .insert({ id: set.id, size: set.refs.length, used_at: usedAt })
        .onConflict('id')
        .ignore();
      for (let i = 0; i < set.refs.length; i += INSERT_CHUNK) {
        await tx('scorecard_hidden_refs')
          .insert(
            set.refs
              .slice(i, i + INSERT_CHUNK)
              .map(entityRef => ({ set_id: set.id, entity_ref: entityRef })),
          )
          .onConflict(['set_id', 'entity_ref'])
          .ignore();
      }
    });
    // A new set changes what the anti-join removes; the planner should know
    // (left to autovacuum, it planned 40,000 hidden rows as 3). Vacuumed, the
    // set's rows are read from the primary key's index alone, not from a
    // table holding every caller's set (3-5x fewer pages). Skipped, not
    // waited for, while another instance vacuums it.
    if (isPostgres(this.db)) {
      await this.db.raw('vacuum (analyze, skip_locked) scorecard_hidden_refs');
    }
    for (const [id, at] of this.trusted) {
      if (now - at >= TRUSTED_MS) this.trusted.delete(id);
    }
    this.trusted.set(set.id, now);
  }

  /**
   * Deletes sets unused since `before` with their refs, in one transaction
   * that locks the stale sets first (PostgreSQL; SQLite has one writer): a
   * request touching one of them meanwhile waits, finds it gone and writes
   * it again.
   */
  async pruneUnusedBefore(before: Date): Promise<number> {
    return this.db.transaction(async tx => {
      const query = tx('scorecard_hidden_sets').where('used_at', '<', before);
      if (isPostgres(this.db)) query.forUpdate();
      const stale: string[] = await query.pluck('id');
      if (stale.length === 0) return 0;
      await tx('scorecard_hidden_refs').whereIn('set_id', stale).delete();
      const deleted: number = await tx('scorecard_hidden_sets')
        .whereIn('id', stale)
        .delete();
      return deleted;
    });
  }
}

/** Leaves the rows of `set` out of a query over `reports as r`. */
export function excludeHidden(
  db: Knex,
  query: Knex.QueryBuilder,
  set: HiddenSet,
): void {
  if (set.refs.length === 0) return;
  query.whereNotExists(
    db('scorecard_hidden_refs as h')
      .where('h.set_id', set.id)
      .whereRaw('h.entity_ref = r.entity_ref')
      .select(db.raw('1')),
  );
}
