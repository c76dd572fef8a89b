// @ts-check

const ACTIVE = "state in ('queued', 'running')";

/**
 * At most one queued or running scan per entity, enforced by the database
 * (a partial unique index) so concurrent requests and planning runs on
 * several instances cannot queue the same entity twice; and a priority so
 * on-demand scans are claimed before scheduled ones.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  // Duplicates left by the old check-then-insert: keep the running scan,
  // else the earliest queued one, and end the others.
  const active = await knex('scans')
    .whereIn('state', ['queued', 'running'])
    .orderBy('entity_ref')
    .orderByRaw("case state when 'running' then 0 else 1 end")
    .orderBy('queued_at')
    .select('id', 'entity_ref');
  const superseded = active
    .filter((row, i) => i > 0 && active[i - 1].entity_ref === row.entity_ref)
    .map(row => row.id);
  for (let i = 0; i < superseded.length; i += 500) {
    await knex('scans')
      .whereIn('id', superseded.slice(i, i + 500))
      .update({
        state: 'failed',
        finished_at: new Date(),
        lease_owner: null,
        lease_expires_at: null,
        error: 'superseded by another scan of the same entity',
      });
  }

  await knex.schema.alterTable('scans', table => {
    table
      .integer('priority')
      .notNullable()
      .defaultTo(1)
      .comment('0: requested on demand, claimed first; 1: scheduled');
    table.index(['state', 'priority', 'queued_at'], 'scans_claim_order_idx');
  });
  await knex('scans').where({ trigger: 'manual' }).update({ priority: 0 });
  await knex.raw(
    `create unique index scans_one_active_per_entity on scans (entity_ref) where ${ACTIVE}`,
  );
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.raw('drop index scans_one_active_per_entity');
  await knex.schema.alterTable('scans', table => {
    table.dropIndex(
      ['state', 'priority', 'queued_at'],
      'scans_claim_order_idx',
    );
  });
  await knex.schema.alterTable('scans', table => {
    table.dropColumn('priority');
  });
};
