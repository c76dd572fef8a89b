// @ts-check

/**
 * The Image Health store: what is scanned (targets), the durable scan queue and
 * scan log (scans), the latest report per entity (reports) with its findings,
 * and the score history.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('targets', table => {
    table.comment(
      'Catalog entities Image Health scans, with the fields the scorecard filters on',
    );
    table.string('entity_ref').primary().notNullable();
    table.string('kind').notNullable();
    table.string('namespace').notNullable();
    table.string('name').notNullable();
    table.string('title').notNullable();
    table.string('owner').nullable();
    table.string('type').nullable();
    table.string('lifecycle').nullable();
    table.string('system').nullable();
    table
      .text('spec')
      .notNullable()
      .comment('JSON: dockerfiles, images, ignore');
    table.timestamp('last_seen_at', { useTz: true }).notNullable();
    table
      .timestamp('removed_at', { useTz: true })
      .nullable()
      .comment('When the entity was first missing from the catalog');
    table.index(['owner'], 'targets_owner_idx');
    table.index(['kind'], 'targets_kind_idx');
    table.index(['type'], 'targets_type_idx');
    table.index(['lifecycle'], 'targets_lifecycle_idx');
    table.index(['system'], 'targets_system_idx');
    table.index(['removed_at'], 'targets_removed_at_idx');
  });

  await knex.schema.createTable('scans', table => {
    table.comment(
      'One row per scan; queued and running rows are the durable job queue',
    );
    table.string('id', 36).primary().notNullable();
    table.string('entity_ref').notNullable();
    table.string('trigger').notNullable().comment('schedule or manual');
    table
      .string('state')
      .notNullable()
      .comment('queued, running, succeeded, failed');
    table.timestamp('queued_at', { useTz: true }).notNullable();
    table.timestamp('started_at', { useTz: true }).nullable();
    table.timestamp('finished_at', { useTz: true }).nullable();
    table.text('error').nullable();
    table.integer('attempts').notNullable().defaultTo(0);
    table.string('lease_owner').nullable();
    table.timestamp('lease_expires_at', { useTz: true }).nullable();
    table
      .text('checks')
      .nullable()
      .comment(
        'JSON: per Dockerfile its ETag and hash, per image its digest, and whether the result was reused',
      );
    table.index(['state', 'queued_at'], 'scans_state_queued_at_idx');
    table.index(['entity_ref', 'queued_at'], 'scans_entity_ref_idx');
    table.index(['lease_expires_at'], 'scans_lease_expires_at_idx');
  });

  await knex.schema.createTable('reports', table => {
    table.comment(
      'The latest report per entity; a failed scan keeps the last good content',
    );
    table.string('entity_ref').primary().notNullable();
    table.string('scan_id', 36).notNullable();
    table.timestamp('scanned_at', { useTz: true }).notNullable();
    table.timestamp('checked_at', { useTz: true }).notNullable();
    table.string('status').notNullable();
    table.text('error').nullable();
    table.integer('score').nullable();
    table.string('grade').notNullable();
    table.bigInteger('compressed_bytes').nullable();
    table.bigInteger('reclaimable_bytes').nullable();
    table.string('base_image').nullable();
    table.boolean('user_is_root').nullable();
    table
      .text('body')
      .notNullable()
      .comment('JSON: score, dockerfiles, images');
    table
      .text('artifacts')
      .notNullable()
      .comment(
        'JSON: fingerprints of each Dockerfile and image, for incremental scans',
      );
    table.index(['grade'], 'reports_grade_idx');
    table.index(['score'], 'reports_score_idx');
    table.index(['scanned_at'], 'reports_scanned_at_idx');
    table.index(['compressed_bytes'], 'reports_compressed_bytes_idx');
    table.index(['reclaimable_bytes'], 'reports_reclaimable_bytes_idx');
  });

  await knex.schema.createTable('findings', table => {
    table.comment(
      'Findings of the latest report, one row each, for queries across the organisation',
    );
    table.bigIncrements('id').primary();
    table.string('entity_ref').notNullable();
    table.string('scan_id', 36).notNullable();
    table.string('rule_id').notNullable();
    table.string('category').notNullable();
    table.string('severity').notNullable();
    table.string('source').notNullable().comment('dockerfile or image');
    table.text('location').nullable();
    table.integer('line').nullable();
    table.text('message').notNullable();
    table.index(['entity_ref'], 'findings_entity_ref_idx');
    table.index(['rule_id'], 'findings_rule_id_idx');
  });

  await knex.schema.createTable('score_history', table => {
    table.comment(
      'Score of every completed scan, kept for imageHealth.history.retention',
    );
    table.bigIncrements('id').primary();
    table.string('entity_ref').notNullable();
    table.string('scan_id', 36).notNullable();
    table.timestamp('scanned_at', { useTz: true }).notNullable();
    table.string('status').notNullable();
    table.integer('score').nullable();
    table.string('grade').notNullable();
    table.bigInteger('compressed_bytes').nullable();
    table.index(['entity_ref', 'scanned_at'], 'score_history_entity_idx');
    table.index(['scanned_at'], 'score_history_scanned_at_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('score_history');
  await knex.schema.dropTable('findings');
  await knex.schema.dropTable('reports');
  await knex.schema.dropTable('scans');
  await knex.schema.dropTable('targets');
};
