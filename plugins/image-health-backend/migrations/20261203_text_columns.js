// @ts-check

/**
 * Text the catalog or an image controls (titles, owners, types, systems,
 * base images, …) has no length limit; knex's `string` is varchar(255) on
 * PostgreSQL, where a longer value made the whole planning run fail. SQLite
 * does not enforce varchar lengths, so it is left as it is.
 */
const COLUMNS = {
  targets: [
    'entity_ref',
    'kind',
    'namespace',
    'name',
    'title',
    'owner',
    'type',
    'lifecycle',
    'system',
  ],
  reports: [
    'entity_ref',
    'status',
    'grade',
    'base_image',
    'title',
    'owner',
    'kind',
    'type',
    'lifecycle',
    'system',
  ],
  scans: ['entity_ref', 'trigger', 'state', 'lease_owner'],
  score_history: ['entity_ref', 'status', 'grade'],
};

/**
 * @param {import('knex').Knex} knex
 * @param {(column: string) => string} type
 */
async function alterAll(knex, type) {
  if (knex.client.config.client !== 'pg') return;
  for (const [table, columns] of Object.entries(COLUMNS)) {
    const changes = columns.map(
      column => `alter column "${column}" type ${type(column)}`,
    );
    await knex.raw(`alter table "${table}" ${changes.join(', ')}`);
  }
}

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await alterAll(knex, () => 'text');
};

/**
 * Back to varchar(255); longer values are cut, as the old schema could not
 * hold them.
 *
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await alterAll(knex, column => `varchar(255) using left("${column}", 255)`);
};
