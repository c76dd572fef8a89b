// @ts-check

/**
 * The `findings` table copied every finding of the latest report into rows
 * that nothing read; the report body keeps them.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.dropTable('findings');
};

/**
 * Restores the table as 20261127_init made it, filled from the stored reports.
 *
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
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
  const reports = await knex('reports').select('entity_ref', 'scan_id', 'body');
  for (const report of reports) {
    /** @type {import('@image-health/plugin-image-health-common').Report} */
    const body = JSON.parse(report.body);
    const rows = [
      ...(body.dockerfiles ?? []).flatMap(d =>
        d.findings.map(f => ({
          f,
          source: 'dockerfile',
          location: f.file ?? d.location,
        })),
      ),
      ...(body.images ?? []).flatMap(i =>
        i.findings.map(f => ({
          f,
          source: 'image',
          location: f.layer ?? i.ref,
        })),
      ),
    ].map(({ f, source, location }) => ({
      entity_ref: report.entity_ref,
      scan_id: report.scan_id,
      rule_id: f.ruleId,
      category: f.category,
      severity: f.severity,
      source,
      location,
      line: f.line ?? null,
      message: f.message,
    }));
    // Under SQLite's bound-parameter limit.
    for (let i = 0; i < rows.length; i += 50) {
      await knex('findings').insert(rows.slice(i, i + 50));
    }
  }
};
