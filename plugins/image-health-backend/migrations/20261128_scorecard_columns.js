// @ts-check

const COPIED = ['title', 'owner', 'kind', 'type', 'lifecycle', 'system'];

/**
 * The scorecard reads one table: the fields it filters on are copied from
 * targets onto reports (kept in step by the store), so filters, sorts and
 * aggregates over 10,000 entities need no join.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('reports', table => {
    for (const column of COPIED) table.string(column).nullable();
    table
      .boolean('active')
      .notNullable()
      .defaultTo(true)
      .comment(
        'False once the entity left the catalog (until its data is deleted)',
      );
    table.index(['active', 'owner'], 'reports_active_owner_idx');
    table.index(['kind'], 'reports_kind_idx');
    table.index(['type'], 'reports_type_idx');
    table.index(['lifecycle'], 'reports_lifecycle_idx');
    table.index(['system'], 'reports_system_idx');
  });
  const sets = COPIED.map(
    c =>
      `${c} = (select t.${c} from targets t where t.entity_ref = reports.entity_ref)`,
  ).join(', ');
  await knex.raw(
    `update reports set ${sets}, active = coalesce((select t.removed_at is null from targets t where t.entity_ref = reports.entity_ref), false)`,
  );
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('reports', table => {
    table.dropIndex(['active', 'owner'], 'reports_active_owner_idx');
    table.dropIndex(['kind'], 'reports_kind_idx');
    table.dropIndex(['type'], 'reports_type_idx');
    table.dropIndex(['lifecycle'], 'reports_lifecycle_idx');
    table.dropIndex(['system'], 'reports_system_idx');
  });
  await knex.schema.alterTable('reports', table => {
    table.dropColumns(...COPIED, 'active');
  });
};
