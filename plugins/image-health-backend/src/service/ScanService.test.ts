import { TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import { DockerfileServer } from '../__testUtils__/DockerfileServer';
import { testLogger } from '../__testUtils__/queueJobs';
import {
  componentAt,
  ImageHealthTestBackend,
} from '../__testUtils__/testBackend';
import { ImageHealthStore } from '../database/ImageHealthStore';
import { migratedClient } from '../database/migrations';
import { ScanQueue } from '../database/ScanQueue';
import { EntityScanner } from './EntityScanner';
import { ScanService } from './ScanService';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const files = new DockerfileServer();
beforeAll(() => files.start());
afterAll(() => files.stop());

const DAY = 24 * 3600 * 1000;
const LONG_TITLE =
  `The payments service ${'that settles every card payment '.repeat(9)}`.slice(
    0,
    300,
  );

function component(name: string, title?: string): Entity {
  return componentAt(files, name, {
    source: `/repos/${name}/`,
    owner: 'team-a',
    title,
  });
}

function planner(db: Knex, entities: Entity[], options = {}) {
  const store = new ImageHealthStore(db);
  const queue = new ScanQueue(db, { maxAttempts: 3 });
  const scans = new ScanService({
    store,
    queue,
    // Planning never scans.
    scanner: {} as EntityScanner,
    catalog: catalogServiceMock({ entities }),
    auth: { getOwnServiceCredentials: async () => ({}) } as any,
    logger: testLogger,
    removedGracePeriodMs: 7 * DAY,
    historyRetentionMs: 90 * DAY,
    scanDeadlineMs: 60_000,
    ...options,
  });
  return { store, queue, scans };
}

describe.each(databases.eachSupportedId())('planning on %s', databaseId => {
  let db: Knex;
  beforeEach(async () => {
    db = await migratedClient({
      getClient: async () => databases.init(databaseId),
    });
  });

  it('plans every other entity when one is refused, and stores a 300-character title', async () => {
    expect(LONG_TITLE).toHaveLength(300);
    const entities = [
      component('billing'),
      // PostgreSQL refuses a NUL character in text: this entity cannot be stored.
      component('refused', 'Refused \u0000 title'),
      component('payments', LONG_TITLE),
      component('ledger'),
    ];
    const { scans, store } = planner(db, entities);
    const summary = await scans.plan();
    const queued = await db('scans')
      .where({ state: 'queued' })
      .pluck('entity_ref');
    expect(queued).toEqual(
      expect.arrayContaining([
        'component:default/billing',
        'component:default/payments',
        'component:default/ledger',
      ]),
    );
    expect(summary.failed).toBe(databaseId === 'POSTGRES_15' ? 1 : 0);
    expect(summary.queued).toBe(queued.length);
    expect((await store.getTarget('component:default/payments'))?.title).toBe(
      LONG_TITLE,
    );
  });

  it('prunes history and finished scans past retention, and deletes entities gone longer than the grace period', async () => {
    const now = Date.now();
    const entities = [component('kept')];
    const { scans } = planner(db, entities);
    await scans.plan();
    const at = (days: number) => new Date(now - days * DAY);
    const history = (entity: string, days: number) => ({
      entity_ref: `component:default/${entity}`,
      scan_id: '00000000-0000-4000-8000-000000000000',
      scanned_at: at(days),
      status: 'ok',
      score: 80,
      grade: 'B',
    });
    await db('score_history').insert([
      history('kept', 1),
      history('kept', 89),
      history('kept', 91),
      history('kept', 400),
    ]);
    const finished = (n: number, days: number, state = 'succeeded') => ({
      id: `20000000-0000-4000-8000-00000000000${n}`,
      entity_ref: `component:default/old-${n}`,
      trigger: 'schedule',
      state,
      queued_at: at(days),
      finished_at: state === 'queued' ? null : at(days),
      attempts: 1,
    });
    await db('scans').insert([
      finished(1, 2),
      finished(2, 100),
      finished(3, 100, 'failed'),
      // Still waiting: never pruned.
      finished(4, 100, 'queued'),
    ]);
    for (const [name, days] of [
      ['gone-recently', 2],
      ['gone-long-ago', 30],
    ] as const) {
      await db('targets').insert({
        entity_ref: `component:default/${name}`,
        kind: 'component',
        namespace: 'default',
        name,
        title: name,
        spec: '{}',
        last_seen_at: at(days),
        removed_at: at(days),
      });
      await db('reports').insert({
        entity_ref: `component:default/${name}`,
        scan_id: '00000000-0000-4000-8000-000000000000',
        scanned_at: at(days),
        checked_at: at(days),
        status: 'ok',
        grade: 'N/A',
        body: '{}',
        artifacts: 'null',
        active: false,
      });
    }

    // Scorecard hidden sets: one no request has used for two days, one in use.
    for (const [id, days] of [
      ['stale', 2],
      ['in-use', 0],
    ] as const) {
      await db('scorecard_hidden_sets').insert({
        id,
        size: 2,
        used_at: at(days),
      });
      await db('scorecard_hidden_refs').insert(
        ['a', 'b'].map(name => ({
          set_id: id,
          entity_ref: `component:default/${name}`,
        })),
      );
    }

    const summary = await scans.plan();
    expect(summary).toMatchObject({ deleted: 1 });
    expect(await db('scorecard_hidden_sets').pluck('id')).toEqual(['in-use']);
    expect([
      ...new Set(await db('scorecard_hidden_refs').pluck('set_id')),
    ]).toEqual(['in-use']);
    const kept = await db('score_history').orderBy('scanned_at', 'desc');
    expect(
      kept.map(h => Math.round((now - +new Date(h.scanned_at)) / DAY)),
    ).toEqual([1, 89]);
    // plan() queues scans of its own with random ids: look only at the four
    // this test inserted (a random id may start with the same digit).
    const inserted = new Set([1, 2, 3, 4].map(n => finished(n, 0).id));
    expect(
      (await db('scans').orderBy('id').pluck('id')).filter(id =>
        inserted.has(id),
      ),
    ).toEqual([
      '20000000-0000-4000-8000-000000000001',
      '20000000-0000-4000-8000-000000000004',
    ]);
    expect(
      await db('reports').orderBy('entity_ref').pluck('entity_ref'),
    ).toEqual(['component:default/gone-recently']);
  });
});

describe.each(databases.eachSupportedId())('scans on %s', databaseId => {
  it('keeps the last good report, with the reason beside it, when the root Dockerfile answers 404', async () => {
    const entity = component('moving');
    files.set('/repos/moving/Dockerfile', 'FROM node:latest\nCMD ["node"]\n');
    const backend = await ImageHealthTestBackend.start({
      knex: await databases.init(databaseId),
      files,
      catalog: catalogServiceMock.factory({ entities: [entity] }),
    });
    await backend.scanNow('moving');
    const good = await backend.getReport('moving');
    expect(good.status).toBe(200);
    expect(good.body.dockerfiles).toHaveLength(1);

    // A revoked token or a moved branch: the root Dockerfile answers 404 once.
    files.delete('/repos/moving/Dockerfile');
    await backend.scanNow('moving');
    const kept = await backend.getReport('moving');
    expect(kept.status).toBe(200);
    expect(kept.body).toMatchObject({
      status: 'failed',
      scannedAt: good.body.scannedAt,
      error: expect.stringContaining(
        `no Dockerfile found at ${files.url('/repos/moving/Dockerfile')}`,
      ),
    });
    expect(kept.body.dockerfiles).toEqual(good.body.dockerfiles);
  });
});
