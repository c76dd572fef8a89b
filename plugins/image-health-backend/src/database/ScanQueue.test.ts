import { TestDatabases } from '@backstage/backend-test-utils';
import { ChildProcess, fork } from 'child_process';
import knexFactory, { Knex } from 'knex';
import path from 'path';
import {
  completeTestScan,
  createCompletionsTable,
  testLogger,
} from '../__testUtils__/queueJobs';
import { ScanWorker } from '../service/ScanWorker';
import { migratedClient, rollbackAll } from './migrations';
import { ScanQueue } from './ScanQueue';

jest.setTimeout(240_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

async function migrate(db: Knex): Promise<Knex> {
  return migratedClient({ getClient: async () => db });
}

async function enqueueMany(queue: ScanQueue, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    ids.push(
      (await queue.enqueue(`component:default/svc-${i}`, 'schedule')).id,
    );
  }
  return ids;
}

async function waitUntil(
  what: string,
  check: () => Promise<boolean>,
  ms = 150_000,
) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline)
      throw new Error(`timed out waiting until ${what}`);
    await new Promise(resolve => setTimeout(resolve, 50));
  }
}

async function allSucceeded(db: Knex, count: number): Promise<boolean> {
  const [{ n }] = await db('scans')
    .where({ state: 'succeeded' })
    .count({ n: '*' });
  return Number(n) === count;
}

describe.each(databases.eachSupportedId())('the store on %s', databaseId => {
  it('migrates up and down', async () => {
    const db = await migrate(await databases.init(databaseId));
    for (const table of ['targets', 'scans', 'reports', 'score_history']) {
      expect(await db.schema.hasTable(table)).toBe(true);
    }
    await rollbackAll(db);
    expect(await db.schema.hasTable('scans')).toBe(false);
    expect(await db.schema.hasTable('reports')).toBe(false);
    await migrate(db);
    expect(await db.schema.hasTable('reports')).toBe(true);
  });

  it("gives each queued scan to one worker, and re-runs a dead worker's scans after its lease", async () => {
    const db = await migrate(await databases.init(databaseId));
    await createCompletionsTable(db);
    const queue = new ScanQueue(db, { maxAttempts: 3 });
    const ids = await enqueueMany(queue, 40);

    // A worker that claimed scans and died: nobody renews its leases.
    const abandoned = await queue.claim('dead-instance', 10, 300);
    expect(abandoned).toHaveLength(10);

    const worker = new ScanWorker({
      queue,
      owner: 'live-instance',
      concurrency: 4,
      leaseMs: 5_000,
      pollIntervalMs: 20,
      logger: testLogger,
      run: scan => completeTestScan(queue, scan, 'live-instance', 1),
    });
    worker.start();
    try {
      await waitUntil('every scan succeeded', () => allSucceeded(db, 40));
    } finally {
      await worker.stop();
    }
    const completions = await db('test_completions').select('scan_id');
    expect(completions.map(c => c.scan_id).sort()).toEqual([...ids].sort());
    const retried = await db('scans').where('attempts', '>', 1).select('id');
    expect(retried.map(r => r.id).sort()).toEqual(
      abandoned.map(s => s.id).sort(),
    );

    // The dead instance wakes up late: its result is refused.
    expect(
      await queue.complete(
        abandoned[0].id,
        'dead-instance',
        { state: 'succeeded' },
        async () => {
          throw new Error('must not write');
        },
      ),
    ).toBe(false);
  });

  it('gives up on a scan abandoned too often, and says so beside the report', async () => {
    const db = await migrate(await databases.init(databaseId));
    const abandoned: string[] = [];
    const queue = new ScanQueue(db, {
      maxAttempts: 2,
      onAbandoned: async (_trx, entityRef, error) => {
        abandoned.push(`${entityRef}: ${error}`);
      },
    });
    const scan = await queue.enqueue('component:default/crashy', 'schedule');
    const later = (ms: number) => new Date(Date.now() + ms);
    expect(await queue.claim('instance-1', 1, 100)).toHaveLength(1);
    expect(await queue.claim('instance-2', 1, 100, later(200))).toHaveLength(1);
    expect(await queue.claim('instance-3', 1, 100, later(400))).toEqual([]);
    expect(await queue.get(scan.id)).toMatchObject({
      state: 'failed',
      error: expect.stringMatching(/abandoned 2 times/),
    });
    expect(abandoned).toEqual([
      expect.stringMatching(
        /^component:default\/crashy: the scan was abandoned/,
      ),
    ]);
  });

  it('returns the waiting scan instead of queueing a second one', async () => {
    const queue = new ScanQueue(
      await migrate(await databases.init(databaseId)),
      {
        maxAttempts: 3,
      },
    );
    const first = await queue.enqueue('component:default/a', 'schedule');
    const second = await queue.enqueue('component:default/a', 'manual');
    expect(second.id).toBe(first.id);
  });

  it('holds one queued or running scan per entity, however many callers ask at once', async () => {
    const db = await migrate(await databases.init(databaseId));
    // Two instances asking at the same moment (on PostgreSQL over separate
    // pooled connections).
    const queues = [db, db].map(d => new ScanQueue(d, { maxAttempts: 3 }));
    const asked = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        queues[i % 2].enqueue(
          'component:default/a',
          i % 3 ? 'schedule' : 'manual',
        ),
      ),
    );
    expect(new Set(asked.map(s => s.id)).size).toBe(1);
    const [running] = await queues[0].claim('instance-1', 5, 60_000);
    expect(running.id).toBe(asked[0].id);
    // While it runs, a request returns the running scan.
    expect((await queues[1].enqueue('component:default/a', 'manual')).id).toBe(
      running.id,
    );
    // Once it has finished, the next request queues a new scan.
    await queues[0].complete(
      running.id,
      'instance-1',
      { state: 'succeeded' },
      async () => {},
    );
    const next = await queues[0].enqueue('component:default/a', 'schedule');
    expect(next.id).not.toBe(running.id);
    expect(next.state).toBe('queued');
  });

  it('gives on-demand scans to workers before scheduled ones', async () => {
    const queue = new ScanQueue(
      await migrate(await databases.init(databaseId)),
      { maxAttempts: 3 },
    );
    const start = Date.parse('2026-12-01T00:00:00Z');
    for (let i = 0; i < 5; i++) {
      await queue.enqueue(
        `component:default/scheduled-${i}`,
        'schedule',
        new Date(start + i * 1000),
      );
    }
    // Requested later, by someone waiting for the answer.
    await queue.enqueue(
      'component:default/requested',
      'manual',
      new Date(start + 60_000),
    );
    // A scheduled scan already waiting moves ahead when someone asks for it.
    await queue.enqueue('component:default/scheduled-4', 'manual');
    const claimed = await queue.claim('instance-1', 3, 60_000);
    expect(claimed.map(s => s.entityRef)).toEqual([
      'component:default/scheduled-4',
      'component:default/requested',
      'component:default/scheduled-0',
    ]);
    expect(claimed[0].trigger).toBe('manual');
  });
});

describe('two backend instances on one PostgreSQL', () => {
  const postgres = TestDatabases.create({ ids: ['POSTGRES_15'] });
  if (!postgres.supports('POSTGRES_15')) {
    it.todo('needs BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING');
    return;
  }
  const clients: Knex[] = [];
  const children: ChildProcess[] = [];
  afterEach(async () => {
    children.splice(0).forEach(child => child.kill('SIGKILL'));
    await Promise.all(clients.splice(0).map(c => c.destroy()));
  });

  /** A second connection pool to the same database, as another instance has. */
  function anotherInstance(db: Knex): Knex {
    const client = knexFactory(db.client.config);
    clients.push(client);
    return client;
  }

  it('share 300 scans with none run twice to completion', async () => {
    const db = await migrate(await postgres.init('POSTGRES_15'));
    await createCompletionsTable(db);
    const ids = await enqueueMany(new ScanQueue(db, { maxAttempts: 3 }), 300);

    const workers = ['instance-a', 'instance-b'].map(owner => {
      const queue = new ScanQueue(anotherInstance(db), { maxAttempts: 3 });
      return new ScanWorker({
        queue,
        owner,
        concurrency: 4,
        leaseMs: 30_000,
        pollIntervalMs: 10,
        logger: testLogger,
        run: scan => completeTestScan(queue, scan, owner, Math.random() * 5),
      });
    });
    workers.forEach(w => w.start());
    try {
      await waitUntil('300 scans succeeded', () => allSucceeded(db, 300));
    } finally {
      await Promise.all(workers.map(w => w.stop()));
    }

    const completions = await db('test_completions').select('scan_id', 'owner');
    expect(completions).toHaveLength(300);
    expect(new Set(completions.map(c => c.scan_id))).toEqual(new Set(ids));
    const perOwner = new Set(completions.map(c => c.owner));
    expect(perOwner).toEqual(new Set(['instance-a', 'instance-b']));
    // Leases never expired, so no scan was even started twice.
    const [{ max }] = await db('scans').max({ max: 'attempts' });
    expect(Number(max)).toBe(1);
  });

  it('finish every scan when one instance is killed mid-run', async () => {
    const db = await migrate(await postgres.init('POSTGRES_15'));
    await createCompletionsTable(db);
    const ids = await enqueueMany(new ScanQueue(db, { maxAttempts: 5 }), 300);

    const doomed = fork(
      path.resolve(__dirname, '../__testUtils__/queueWorkerProcess.ts'),
      [],
      {
        execArgv: [
          '-r',
          require.resolve('@backstage/cli/config/nodeTransform.cjs'),
        ],
        env: {
          ...process.env,
          IH_TEST_DB: JSON.stringify({
            ...db.client.config,
            connection: {
              ...db.client.config.connection,
              application_name: 'doomed-instance',
            },
          }),
          IH_OWNER: 'doomed-instance',
          IH_LEASE_MS: '1000',
        },
        stdio: 'inherit',
      },
    );
    children.push(doomed);
    await waitUntil('the doomed instance completed some scans', async () => {
      const [{ n }] = await db('test_completions')
        .where({ owner: 'doomed-instance' })
        .count({ n: '*' });
      return Number(n) >= 20;
    });

    const queue = new ScanQueue(anotherInstance(db), { maxAttempts: 5 });
    const survivor = new ScanWorker({
      queue,
      owner: 'surviving-instance',
      concurrency: 4,
      leaseMs: 1000,
      pollIntervalMs: 10,
      logger: testLogger,
      run: scan => completeTestScan(queue, scan, 'surviving-instance', 5),
    });
    // Killed, then what it held is read only once PostgreSQL has closed its
    // sessions: a commit it had already sent may still land until then.
    const exited = new Promise(resolve => doomed.once('exit', resolve));
    doomed.kill('SIGKILL');
    await exited;
    await waitUntil('the killed instance has no session left', async () => {
      const { rows } = await db.raw(
        `select count(*) as n from pg_stat_activity where application_name = 'doomed-instance'`,
      );
      return Number(rows[0].n) === 0;
    });
    const heldWhenKilled = await db('scans')
      .where({ state: 'running', lease_owner: 'doomed-instance' })
      .select('id');
    survivor.start();

    try {
      await waitUntil('300 scans succeeded', () => allSucceeded(db, 300));
    } finally {
      await survivor.stop();
    }
    const completions = await db('test_completions').select('scan_id');
    expect(completions).toHaveLength(300);
    expect(new Set(completions.map(c => c.scan_id))).toEqual(new Set(ids));
    // What the killed instance held was run again, by the survivor.
    expect(heldWhenKilled.length).toBeGreaterThan(0);
    const rerun = await db('scans')
      .whereIn(
        'id',
        heldWhenKilled.map(r => r.id),
      )
      .select('attempts', 'state');
    expect(rerun.every(r => r.attempts >= 2 && r.state === 'succeeded')).toBe(
      true,
    );
  });
});
