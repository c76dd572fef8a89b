// @ts-check

/**
 * The scorecard counts and filters policy findings (`imageHealth.policy`)
 * per entity. Reports written before keep null (unknown) until their next scan.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('reports', table => {
    table
      .integer('policy_violations')
      .nullable()
      .comment(
        'Policy findings of the report; null when made before they were counted',
      );
    table.index(['policy_violations'], 'reports_policy_violations_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('reports', table => {
    table.dropIndex(['policy_violations'], 'reports_policy_violations_idx');
    table.dropColumn('policy_violations');
  });
};
