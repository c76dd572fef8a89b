import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import {
  computeScore,
  Report,
  scorecardFacts,
} from '@image-health/plugin-image-health-common';
import { analyzeDockerfile } from '@image-health/plugin-image-health-node';
import fs from 'fs';
import { Knex } from 'knex';
import path from 'path';
import { ImageHealthStore } from './ImageHealthStore';
import { migratedClient } from './migrations';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const directory = resolvePackagePath(
  '@image-health/plugin-image-health-backend',
  'migrations',
);
const EXAMPLES = path.resolve(__dirname, '../../../../examples');
/** The schema the migrations of this change start from. */
const BEFORE = '20261128_scorecard_columns.js';

/** A report of one of the example Dockerfiles, as a scan stores it. */
function exampleReport(entityRef: string, example: string): Report {
  const location = `${example}/Dockerfile`;
  const dockerfile = analyzeDockerfile({
    location,
    content: fs.readFileSync(path.join(EXAMPLES, location), 'utf8'),
  });
  return {
    entityRef,
    scannedAt: '2026-11-30T08:00:00.000Z',
    status: 'ok',
    score: computeScore({ dockerfiles: [dockerfile], images: [] }),
    dockerfiles: [dockerfile],
    images: [],
  };
}

const EXAMPLES_USED = ['node-naive', 'go-single-stage', 'apt-layer-pile'];
const LONG_TITLE = `Payments ${'x'.repeat(291)}`;

/** Fills the schema as it was before this change: what an upgraded install holds. */
async function populateOldSchema(db: Knex): Promise<Report[]> {
  const reports = EXAMPLES_USED.map((example, i) =>
    exampleReport(`component:default/svc-${i}`, example),
  );
  const at = new Date('2026-11-30T08:00:00Z');
  for (const [i, report] of reports.entries()) {
    const facts = scorecardFacts(report);
    await db('targets').insert({
      entity_ref: report.entityRef,
      kind: 'component',
      namespace: 'default',
      name: `svc-${i}`,
      title: `Service ${i}`,
      owner: 'group:default/team-a',
      type: 'service',
      lifecycle: 'production',
      system: null,
      spec: JSON.stringify({
        dockerfiles: [],
        defaultDockerfile: true,
        images: [],
        ignore: [],
      }),
      last_seen_at: at,
    });
    await db('reports').insert({
      entity_ref: report.entityRef,
      scan_id: `00000000-0000-4000-8000-00000000000${i}`,
      scanned_at: at,
      checked_at: at,
      status: 'ok',
      score: facts.score,
      grade: facts.grade,
      base_image: facts.baseImage ?? null,
      body: JSON.stringify({
        score: report.score,
        dockerfiles: report.dockerfiles,
        images: report.images,
      }),
      artifacts: JSON.stringify({ settings: '', dockerfiles: {}, images: {} }),
      title: `Service ${i}`,
      owner: 'group:default/team-a',
      kind: 'component',
      type: 'service',
      lifecycle: 'production',
      active: true,
    });
    await db('score_history').insert({
      entity_ref: report.entityRef,
      scan_id: `00000000-0000-4000-8000-00000000000${i}`,
      scanned_at: at,
      status: 'ok',
      score: facts.score,
      grade: facts.grade,
    });
    for (const f of report.dockerfiles[0].findings) {
      await db('findings').insert({
        entity_ref: report.entityRef,
        scan_id: `00000000-0000-4000-8000-00000000000${i}`,
        rule_id: f.ruleId,
        category: f.category,
        severity: f.severity,
        source: 'dockerfile',
        location: f.file,
        line: f.line ?? null,
        message: f.message,
      });
    }
  }
  // What the old check-then-insert could leave: a running scan of svc-0 with
  // a queued one beside it, and svc-1 queued twice.
  const scan = (
    id: number,
    entity: number,
    state: string,
    trigger: string,
  ) => ({
    id: `10000000-0000-4000-8000-00000000000${id}`,
    entity_ref: `component:default/svc-${entity}`,
    trigger,
    state,
    queued_at: new Date(at.getTime() + id * 1000),
    attempts: state === 'running' ? 1 : 0,
  });
  await db('scans').insert([
    scan(1, 0, 'running', 'schedule'),
    scan(2, 0, 'queued', 'manual'),
    scan(3, 1, 'queued', 'schedule'),
    scan(4, 1, 'queued', 'schedule'),
    scan(5, 2, 'succeeded', 'schedule'),
    scan(6, 2, 'queued', 'manual'),
  ]);
  return reports;
}

async function migrateTo(db: Knex, name: string): Promise<void> {
  for (const file of fs.readdirSync(directory).sort()) {
    if (file > name) break;
    await db.migrate.up({ directory, name: file });
  }
}

async function rollBackTo(db: Knex, name: string): Promise<void> {
  for (;;) {
    const [done] = await db.migrate.list({ directory });
    const last = done
      .map((m: { name: string }) => m.name)
      .sort()
      .pop();
    if (!last || last <= name) return;
    await db.migrate.down({ directory });
  }
}

describe.each(databases.eachSupportedId())(
  'the store migrations on %s',
  databaseId => {
    it('keep the reports, history, targets and scans of an installation through up and down', async () => {
      const db = await databases.init(databaseId);
      await migrateTo(db, BEFORE);
      const reports = await populateOldSchema(db);
      const [{ findings }] = await db('findings').count({ findings: '*' });
      expect(Number(findings)).toBeGreaterThan(5);

      await migratedClient({ getClient: async () => db });
      const store = new ImageHealthStore(db);
      // The unused findings table is gone; the reports still carry every finding.
      expect(await db.schema.hasTable('findings')).toBe(false);
      for (const report of reports) {
        const stored = await store.getReport(report.entityRef);
        expect(stored?.dockerfiles[0].findings).toEqual(
          report.dockerfiles[0].findings,
        );
        expect(await store.getHistory(report.entityRef, 10)).toHaveLength(1);
      }
      // One queued or running scan per entity: the running one, else the first queued.
      const active = await db('scans')
        .whereIn('state', ['queued', 'running'])
        .orderBy('entity_ref')
        .select('id', 'entity_ref', 'priority');
      expect(active).toEqual([
        expect.objectContaining({ id: '10000000-0000-4000-8000-000000000001' }),
        expect.objectContaining({ id: '10000000-0000-4000-8000-000000000003' }),
        expect.objectContaining({
          id: '10000000-0000-4000-8000-000000000006',
          priority: 0,
        }),
      ]);
      // The driver's error is compared by its text: better-sqlite3's
      // SqliteError is not always an Error of the test's realm, so
      // `rejects.toThrow` sometimes saw no error at all.
      const duplicate = await db('scans')
        .insert({
          id: '10000000-0000-4000-8000-000000000009',
          entity_ref: 'component:default/svc-2',
          trigger: 'schedule',
          state: 'queued',
          queued_at: new Date(),
          attempts: 0,
        })
        .then(
          () => 'inserted',
          (error: unknown) => String(error),
        );
      expect(duplicate).toMatch(/unique/i);
      // Text the catalog controls has no length limit.
      await store.upsertTargets(
        [
          {
            entityRef: 'component:default/svc-0',
            kind: 'Component',
            namespace: 'default',
            name: 'svc-0',
            title: LONG_TITLE,
            owner: `group:default/${'o'.repeat(280)}`,
          },
        ],
        new Date(),
      );
      expect(
        (
          await db('reports')
            .where({ entity_ref: 'component:default/svc-0' })
            .first()
        ).title,
      ).toBe(LONG_TITLE);

      await rollBackTo(db, BEFORE);
      // The findings table comes back, filled from the reports.
      const restored = await db('findings')
        .where({ entity_ref: 'component:default/svc-1' })
        .orderBy('id');
      expect(restored.map(f => f.rule_id)).toEqual(
        reports[1].dockerfiles[0].findings.map(f => f.ruleId),
      );
      expect(await db.schema.hasColumn('scans', 'priority')).toBe(false);
      const title = (
        await db('targets')
          .where({ entity_ref: 'component:default/svc-0' })
          .first()
      ).title;
      expect(title).toBe(
        databaseId === 'SQLITE_3' ? LONG_TITLE : LONG_TITLE.slice(0, 255),
      );
      // And up again.
      await migratedClient({ getClient: async () => db });
      expect(await db.schema.hasTable('findings')).toBe(false);
    });
  },
);
