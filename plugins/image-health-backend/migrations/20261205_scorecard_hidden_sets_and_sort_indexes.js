// @ts-check

/** Columns the scorecard sorts by (besides entity_ref, the primary key). */
const SORT_COLUMNS = [
  'title',
  'owner',
  'score',
  'grade',
  'compressed_bytes',
  'reclaimable_bytes',
  'policy_violations',
  'scanned_at',
];
/** Single-column indexes the sort indexes start with; reclaimable_bytes' stays for the top-10 query. */
const COVERED_SINGLE_COLUMN_INDEXES = [
  'score',
  'grade',
  'compressed_bytes',
  'policy_violations',
  'scanned_at',
];

/**
 * The scorecard leaves out the entities a caller may not read. Each distinct
 * set of such entities is stored once, named by a hash of its content, so the
 * scorecard's statements join it by index instead of carrying tens of
 * thousands of refs as a parameter each time. Sets are written once, shared by
 * every caller with the same visibility, and pruned when unused for a day.
 * On PostgreSQL, also indexes for each sort order of the scorecard.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('scorecard_hidden_sets', table => {
    table.comment('Distinct sets of entities hidden from scorecard callers');
    table
      .string('id', 64)
      .primary()
      .comment('sha256 of the sorted entity refs of the set');
    table.integer('size').notNullable().comment('Number of entity refs');
    table.timestamp('used_at', { useTz: true }).notNullable();
    table.index(['used_at'], 'scorecard_hidden_sets_used_at_idx');
  });
  await knex.schema.createTable('scorecard_hidden_refs', table => {
    table.comment('The entity refs of each hidden set');
    table
      .string('set_id', 64)
      .notNullable()
      .references('id')
      .inTable('scorecard_hidden_sets');
    table.text('entity_ref').notNullable();
    table.primary(['set_id', 'entity_ref']);
  });
  if (knex.client.config.client !== 'pg') return;
  // The scorecard's statements are short and run three or four at a time
  // per request: parallel workers each build their own hash of the hidden
  // set and cost more CPU than they save (on 2 cores: 115-160 ms per
  // statement with workers, 43 ms without, measured with 100,000 reports).
  await knex.raw('alter table reports set (parallel_workers = 0)');
  await knex.raw(
    'alter table scorecard_hidden_refs set (parallel_workers = 0)',
  );
  // A page sorted by any column in either order, ties broken by entity_ref,
  // is read in index order and stops after offset + limit visible rows
  // (4-7 ms instead of a 60,000-row sort or a scan through a column that is
  // null everywhere). These replace the single-column indexes they cover.
  for (const column of SORT_COLUMNS) {
    await knex.raw(
      `create index reports_sort_${column}_asc_idx on reports (${column} asc nulls last, entity_ref)`,
    );
    await knex.raw(
      `create index reports_sort_${column}_desc_idx on reports (${column} desc nulls last, entity_ref)`,
    );
  }
  await knex.raw(
    'create index reports_sort_entity_ref_desc_idx on reports (entity_ref desc nulls last)',
  );
  for (const column of COVERED_SINGLE_COLUMN_INDEXES) {
    await knex.raw(`drop index reports_${column}_idx`);
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (knex.client.config.client === 'pg') {
    await knex.raw('alter table reports reset (parallel_workers)');
    for (const column of COVERED_SINGLE_COLUMN_INDEXES) {
      await knex.raw(
        `create index reports_${column}_idx on reports (${column})`,
      );
    }
    for (const column of SORT_COLUMNS) {
      await knex.raw(`drop index reports_sort_${column}_asc_idx`);
      await knex.raw(`drop index reports_sort_${column}_desc_idx`);
    }
    await knex.raw('drop index reports_sort_entity_ref_desc_idx');
  }
  await knex.schema.dropTable('scorecard_hidden_refs');
  await knex.schema.dropTable('scorecard_hidden_sets');
};
