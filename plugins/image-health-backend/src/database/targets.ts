import { Knex } from 'knex';
import { EQUALITY_FILTERS } from './scorecardSummary';

/** The catalog fields of a scanned entity that the scorecard filters on. */
export interface TargetFields {
  entityRef: string;
  kind: string;
  namespace: string;
  name: string;
  title: string;
  owner?: string;
  type?: string;
  lifecycle?: string;
  system?: string;
}

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
}

const UPSERT_CHUNK = 50;

/**
 * What is scanned: one row per catalog entity, with the catalog fields in
 * columns and the rest of the caller's target (what to read) as JSON.
 */
export class TargetStore {
  constructor(private readonly db: Knex) {}

  async upsert<T extends TargetFields>(
    targets: T[],
    seenAt: Date,
  ): Promise<void> {
    const rows = targets.map(target => {
      const {
        entityRef,
        kind,
        namespace,
        name,
        title,
        owner,
        type,
        lifecycle,
        system,
        ...spec
      } = target;
      return {
        entity_ref: entityRef,
        // Identifiers are stored lowercased, as the catalog compares them, so
        // the scorecard's filters are plain indexed equality.
        kind: kind.toLocaleLowerCase('en-US'),
        namespace,
        name,
        title,
        owner: owner?.toLocaleLowerCase('en-US') ?? null,
        type: type?.toLocaleLowerCase('en-US') ?? null,
        lifecycle: lifecycle?.toLocaleLowerCase('en-US') ?? null,
        system: system?.toLocaleLowerCase('en-US') ?? null,
        spec: JSON.stringify(spec),
        last_seen_at: seenAt,
        removed_at: null,
      };
    });
    for (let i = 0; i < rows.length; i += UPSERT_CHUNK) {
      const chunk = rows.slice(i, i + UPSERT_CHUNK);
      await this.db('targets').insert(chunk).onConflict('entity_ref').merge();
      await copyTargetFields(
        this.db,
        chunk.map(r => r.entity_ref),
      );
    }
  }

  /** The target as it was upserted (catalog identifiers lowercased). */
  async get<T extends TargetFields>(entityRef: string): Promise<T | undefined> {
    const row: TargetRow | undefined = await this.db('targets')
      .where({ entity_ref: entityRef })
      .first();
    if (!row) return undefined;
    return {
      ...JSON.parse(row.spec),
      entityRef: row.entity_ref,
      kind: row.kind,
      namespace: row.namespace,
      name: row.name,
      title: row.title,
      owner: row.owner ?? undefined,
      type: row.type ?? undefined,
      lifecycle: row.lifecycle ?? undefined,
      system: row.system ?? undefined,
    };
  }

  /** Records that these entities are still in the catalog, without changing what is stored of them. */
  async markSeen(entityRefs: string[], seenAt: Date): Promise<void> {
    for (let i = 0; i < entityRefs.length; i += 500) {
      await this.db('targets')
        .whereIn('entity_ref', entityRefs.slice(i, i + 500))
        .update({ last_seen_at: seenAt, removed_at: null });
    }
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
          'report_snapshots',
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
}

/** What `reports` copies of a target: its title and every field the scorecard filters on. */
const COPIED_TARGET_FIELDS = ['title', ...EQUALITY_FILTERS] as const;

/**
 * Keeps the scorecard's copy of the target fields on `reports` in step with
 * `targets`, so the scorecard reads one table.
 */
export async function copyTargetFields(
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
