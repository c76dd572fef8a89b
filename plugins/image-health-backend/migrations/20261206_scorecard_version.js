// @ts-check

/**
 * Columns of `reports` the scorecard's totals and aggregates are computed
 * from: a change to any of them changes some caller's summary.
 */
const SUMMARY_COLUMNS = [
  'active',
  'owner',
  'kind',
  'type',
  'lifecycle',
  'system',
  'grade',
  'score',
  'reclaimable_bytes',
  'policy_violations',
];

/**
 * A version number of what the scorecard's totals and aggregates read,
 * raised by the database itself whenever a report is added or removed or one
 * of those columns changes value, whoever writes (any backend instance, a
 * migration, an operator's SQL). A process keeps a caller's summary while the
 * version it was computed at is current, and checks it with one primary-key
 * read per request. A write that leaves those values as they were (a re-scan
 * that found the image unchanged, the planner copying catalog fields that did
 * not change) leaves the version alone.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('scorecard_version', table => {
    table.comment(
      'Raised on every change to what scorecard totals are made of',
    );
    table.integer('id').primary();
    table.bigInteger('version').notNullable();
  });
  await knex('scorecard_version').insert({ id: 1, version: 1 });
  const bump =
    'update scorecard_version set version = version + 1 where id = 1';
  if (knex.client.config.client === 'pg') {
    const changed = SUMMARY_COLUMNS.map(
      c => `old.${c} is distinct from new.${c}`,
    ).join(' or ');
    await knex.raw(`
      create function scorecard_version_bump() returns trigger
      language plpgsql as $$ begin ${bump}; return null; end $$`);
    // Once per statement that added or removed rows (an upsert that only
    // updated is judged by the update trigger below).
    await knex.raw(`
      create function scorecard_version_bump_if_rows() returns trigger
      language plpgsql as $$ begin
        if exists (select 1 from changed) then ${bump}; end if;
        return null;
      end $$`);
    await knex.raw(`
      create trigger reports_scorecard_insert after insert on reports
      referencing new table as changed
      for each statement execute function scorecard_version_bump_if_rows()`);
    await knex.raw(`
      create trigger reports_scorecard_delete after delete on reports
      referencing old table as changed
      for each statement execute function scorecard_version_bump_if_rows()`);
    await knex.raw(`
      create trigger reports_scorecard_values
      after update of ${SUMMARY_COLUMNS.join(', ')} on reports
      for each row when (${changed})
      execute function scorecard_version_bump()`);
    return;
  }
  // SQLite: row triggers only, and `is not` is its null-safe comparison.
  const changed = SUMMARY_COLUMNS.map(c => `old.${c} is not new.${c}`).join(
    ' or ',
  );
  await knex.raw(`
    create trigger reports_scorecard_insert after insert on reports
    begin ${bump}; end`);
  await knex.raw(`
    create trigger reports_scorecard_delete after delete on reports
    begin ${bump}; end`);
  await knex.raw(`
    create trigger reports_scorecard_values
    after update of ${SUMMARY_COLUMNS.join(', ')} on reports
    when ${changed}
    begin ${bump}; end`);
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (knex.client.config.client === 'pg') {
    for (const trigger of ['insert', 'delete', 'values']) {
      await knex.raw(`drop trigger reports_scorecard_${trigger} on reports`);
    }
    await knex.raw('drop function scorecard_version_bump()');
    await knex.raw('drop function scorecard_version_bump_if_rows()');
  } else {
    for (const trigger of ['insert', 'delete', 'values']) {
      await knex.raw(`drop trigger reports_scorecard_${trigger}`);
    }
  }
  await knex.schema.dropTable('scorecard_version');
};
