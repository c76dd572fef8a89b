import { randomUUID } from 'crypto';
import { Knex } from 'knex';
import {
  ScanState,
  ScanStatus,
} from '@image-health/plugin-image-health-common';
import { isPostgres, toIso, toIsoOrUndefined } from './util';

export type ScanTrigger = 'schedule' | 'manual';

/** Lower is claimed first: someone is waiting for an on-demand scan. */
const PRIORITY: Record<ScanTrigger, number> = { manual: 0, schedule: 1 };

/** A scan a worker holds under a lease. */
export interface ClaimedScan {
  id: string;
  entityRef: string;
  trigger: ScanTrigger;
  attempts: number;
}

interface ScanRow {
  id: string;
  entity_ref: string;
  trigger: ScanTrigger;
  state: ScanState;
  queued_at: Date | number | string;
  started_at: Date | number | string | null;
  finished_at: Date | number | string | null;
  error: string | null;
  attempts: number;
  priority: number;
  lease_owner: string | null;
  lease_expires_at: Date | number | string | null;
  checks: string | null;
}

export interface ScanQueueOptions {
  /** Claims of a job whose lease expired this many times end it as failed. */
  maxAttempts: number;
  /** Shows a scan given up on beside the entity's report, in the same transaction. */
  onAbandoned?: (
    trx: Knex.Transaction,
    entityRef: string,
    error: string,
    at: Date,
  ) => Promise<void>;
}

/**
 * The durable scan queue: queued and running rows of the `scans` table.
 * Workers on every instance claim rows under a lease; on PostgreSQL with
 * `FOR UPDATE SKIP LOCKED` so instances never wait on or take each other's
 * rows. SQLite serialises writers itself and is for a single instance.
 */
export class ScanQueue {
  constructor(
    private readonly db: Knex,
    private readonly options: ScanQueueOptions,
  ) {}

  /**
   * Queues a scan of the entity, or returns the one already queued or
   * running: the database holds at most one per entity (a partial unique
   * index), so concurrent callers on any instance cannot queue it twice. An
   * on-demand request moves a waiting scheduled scan ahead of the others.
   */
  async enqueue(
    entityRef: string,
    trigger: ScanTrigger,
    now = new Date(),
  ): Promise<ScanStatus> {
    const priority = PRIORITY[trigger];
    // The active scan may end between the insert and the read: try again.
    for (let attempt = 0; attempt < 5; attempt++) {
      await this.db.raw(
        `insert into scans (id, entity_ref, "trigger", state, queued_at, attempts, priority)
         values (?, ?, ?, 'queued', ?, 0, ?)
         on conflict (entity_ref) where state in ('queued', 'running') do nothing`,
        [randomUUID(), entityRef, trigger, now, priority],
      );
      const active: ScanRow | undefined = await this.db('scans')
        .where({ entity_ref: entityRef })
        .whereIn('state', ['queued', 'running'])
        .first();
      if (!active) continue;
      if (active.state === 'queued' && active.priority > priority) {
        await this.db('scans')
          .where({ id: active.id, state: 'queued' })
          .update({ priority, trigger });
      }
      return toStatus(active);
    }
    throw new Error(
      `could not queue a scan of ${entityRef}: its scans kept ending while it was queued`,
    );
  }

  /**
   * Claims up to `limit` queued scans, or running ones whose lease expired
   * (their instance died), for `owner` until `now + leaseMs`.
   */
  async claim(
    owner: string,
    limit: number,
    leaseMs: number,
    now = new Date(),
  ): Promise<ClaimedScan[]> {
    if (limit <= 0) return [];
    const leaseExpiresAt = new Date(now.getTime() + leaseMs);
    await this.failAbandoned(now);

    return this.db.transaction(async trx => {
      const candidates = trx('scans')
        .select('id')
        .where(q =>
          q
            .where('state', 'queued')
            .orWhere(expired =>
              expired
                .where('state', 'running')
                .where('lease_expires_at', '<', now)
                .where('attempts', '<', this.options.maxAttempts),
            ),
        )
        .orderBy('priority', 'asc')
        .orderBy('queued_at', 'asc')
        .limit(limit);
      if (isPostgres(this.db)) candidates.forUpdate().skipLocked();
      const ids: string[] = (await candidates).map((r: { id: string }) => r.id);
      if (ids.length === 0) return [];

      await trx('scans')
        .whereIn('id', ids)
        .update({
          state: 'running',
          lease_owner: owner,
          lease_expires_at: leaseExpiresAt,
          started_at: now,
          attempts: trx.raw('attempts + 1'),
        });
      const rows: ScanRow[] = await trx('scans').whereIn('id', ids);
      // In claim order, so on-demand scans start first.
      rows.sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id));
      return rows.map(row => ({
        id: row.id,
        entityRef: row.entity_ref,
        trigger: row.trigger,
        attempts: row.attempts,
      }));
    });
  }

  /** Extends the lease while the scan runs; false when it was lost to another instance. */
  async renewLease(
    id: string,
    owner: string,
    leaseMs: number,
    now = new Date(),
  ): Promise<boolean> {
    const updated = await this.db('scans')
      .where({ id, state: 'running', lease_owner: owner })
      .update({ lease_expires_at: new Date(now.getTime() + leaseMs) });
    return updated > 0;
  }

  /**
   * Ends a scan in one transaction with `write` (the report's rows). Returns
   * false, writing nothing, when the lease was lost: another instance owns
   * the scan now and will finish it.
   */
  async complete(
    id: string,
    owner: string,
    result: { state: 'succeeded' | 'failed'; error?: string; checks?: unknown },
    write: (trx: Knex.Transaction, finishedAt: Date) => Promise<void>,
  ): Promise<boolean> {
    return this.db.transaction(async trx => {
      const lookup = trx('scans').where({ id }).first();
      if (isPostgres(this.db)) lookup.forUpdate();
      const row: ScanRow | undefined = await lookup;
      if (!row || row.state !== 'running' || row.lease_owner !== owner) {
        return false;
      }
      const finishedAt = new Date();
      await write(trx, finishedAt);
      await trx('scans')
        .where({ id })
        .update({
          state: result.state,
          error: result.error ?? null,
          finished_at: finishedAt,
          lease_owner: null,
          lease_expires_at: null,
          checks:
            result.checks === undefined ? null : JSON.stringify(result.checks),
        });
      return true;
    });
  }

  async get(id: string): Promise<ScanStatus | undefined> {
    const row: ScanRow | undefined = await this.db('scans')
      .where({ id })
      .first();
    return row ? toStatus(row) : undefined;
  }

  /** The entity's most recently queued scan. */
  async latestFor(entityRef: string): Promise<ScanStatus | undefined> {
    const row: ScanRow | undefined = await this.db('scans')
      .where({ entity_ref: entityRef })
      .orderBy('queued_at', 'desc')
      .first();
    return row ? toStatus(row) : undefined;
  }

  /** Forgets finished scans older than `before`. */
  async pruneFinished(before: Date): Promise<number> {
    return this.db('scans')
      .whereIn('state', ['succeeded', 'failed'])
      .where('finished_at', '<', before)
      .delete();
  }

  /** Scans whose instances died `maxAttempts` times are failed, not retried forever. */
  private async failAbandoned(now: Date): Promise<void> {
    const error = `the scan was abandoned ${this.options.maxAttempts} times (its backend instance stopped, or the scan outlived imageHealth.queue.lease); it is tried again at the next scheduled run`;
    await this.db.transaction(async trx => {
      const abandoned = trx('scans')
        .where('state', 'running')
        .where('lease_expires_at', '<', now)
        .where('attempts', '>=', this.options.maxAttempts)
        .select('id', 'entity_ref');
      if (isPostgres(this.db)) abandoned.forUpdate().skipLocked();
      const rows: Array<{ id: string; entity_ref: string }> = await abandoned;
      if (rows.length === 0) return;
      await trx('scans')
        .whereIn(
          'id',
          rows.map(r => r.id),
        )
        .update({
          state: 'failed',
          finished_at: now,
          lease_owner: null,
          lease_expires_at: null,
          error,
        });
      for (const row of rows) {
        await this.options.onAbandoned?.(trx, row.entity_ref, error, now);
      }
    });
  }
}

function toStatus(
  row: Partial<ScanRow> &
    Pick<ScanRow, 'id' | 'entity_ref' | 'state' | 'queued_at'>,
): ScanStatus {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    state: row.state,
    queuedAt: toIso(row.queued_at),
    ...optionalIso('startedAt', row.started_at),
    ...optionalIso('finishedAt', row.finished_at),
    ...(row.error ? { error: row.error } : {}),
  };
}

function optionalIso(
  key: 'startedAt' | 'finishedAt',
  value: Date | number | string | null | undefined,
) {
  const iso = toIsoOrUndefined(value);
  return iso ? { [key]: iso } : {};
}
