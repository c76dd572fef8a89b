// @ts-check

/**
 * On PostgreSQL, trigram indexes for the scorecard's text search (a
 * substring of the title or entity ref), so a search reads the rows that
 * contain its text instead of every row. They need the pg_trgm extension,
 * shipped with PostgreSQL and trusted since PostgreSQL 13 (the database's
 * owner may create it): created here when possible; where it cannot be,
 * text search still works, by reading every row.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  if (knex.client.config.client !== 'pg') return;
  try {
    // A savepoint: a refusal leaves the migration's transaction usable.
    await knex.transaction(tx =>
      tx.raw('create extension if not exists pg_trgm'),
    );
  } catch {
    return;
  }
  await knex.raw(
    'create index reports_title_trgm_idx on reports using gin (lower(title) gin_trgm_ops)',
  );
  await knex.raw(
    'create index reports_entity_ref_trgm_idx on reports using gin (entity_ref gin_trgm_ops)',
  );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (knex.client.config.client !== 'pg') return;
  // The extension stays: other schemas may use it.
  await knex.raw('drop index if exists reports_title_trgm_idx');
  await knex.raw('drop index if exists reports_entity_ref_trgm_idx');
};
