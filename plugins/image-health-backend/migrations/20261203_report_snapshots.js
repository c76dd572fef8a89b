// @ts-check

/**
 * Every stored report, by the scan that made it, so two scans of an entity
 * can be compared ("changes between scans"). Pruned with the score history.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('report_snapshots', table => {
    table.comment('The report each scan stored, for comparing two scans');
    table.string('scan_id', 36).primary().notNullable();
    table.text('entity_ref').notNullable();
    table.timestamp('scanned_at', { useTz: true }).notNullable();
    table.text('report').notNullable().comment('The Report as JSON');
    table.index(['entity_ref', 'scanned_at'], 'report_snapshots_entity_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('report_snapshots');
};
