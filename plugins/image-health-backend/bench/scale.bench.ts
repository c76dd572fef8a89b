/**
 * Issue 4's scale benchmark for the backend (not a test):
 *
 * 1. 1,000 entities whose images sit in a local docker-registry: a full shallow
 *    scan through the real queue, workers, inspector and store, then an unchanged
 *    re-scan (registry requests counted: one HEAD per image), against a loop of
 *    `skopeo inspect` over the same 1,000 references in the same run.
 * The scorecard at scale is bench/scorecard.bench.ts.
 *
 * Run from the repo root:
 *   node -r @backstage/cli/config/nodeTransform.cjs \
 *     plugins/image-health-backend/bench/scale.bench.ts [--entities 1000]
 * With BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING set it uses that
 * PostgreSQL (database ih_scale_bench, recreated), else SQLite in memory.
 * Prints a Markdown section for BENCHMARKS.md.
 */
import { execFile } from 'child_process';
import knexFactory, { Knex } from 'knex';
import os from 'os';
import { promisify } from 'util';
import { ImageInspector } from '@image-health/plugin-image-health-node';
import { DEFAULT_BUDGETS } from '@image-health/plugin-image-health-common';
import { ImageHealthStore } from '../src/database/ImageHealthStore';
import { migratedClient } from '../src/database/migrations';
import { ScanQueue } from '../src/database/ScanQueue';
import { DockerfileSource } from '../src/service/DockerfileSource';
import { EntityScanner } from '../src/service/EntityScanner';
import { ScanService } from '../src/service/ScanService';
import { ScanWorker } from '../src/service/ScanWorker';
import { ScanTarget } from '../src/service/targets';
import { TestRegistry } from '../src/__testUtils__/registry';
import { testLogger } from '../src/__testUtils__/queueJobs';

const run = promisify(execFile);

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

async function database(): Promise<{ db: Knex; label: string }> {
  const url = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
  if (!url) {
    return {
      db: knexFactory({
        client: 'better-sqlite3',
        connection: ':memory:',
        useNullAsDefault: true,
        pool: { min: 1, max: 1 },
      }),
      label: 'SQLite (in memory)',
    };
  }
  const admin = knexFactory({ client: 'pg', connection: `${url}/postgres` });
  await admin.raw('drop database if exists ih_scale_bench');
  await admin.raw('create database ih_scale_bench');
  await admin.destroy();
  return {
    db: knexFactory({ client: 'pg', connection: `${url}/ih_scale_bench` }),
    label: 'PostgreSQL 15 on 127.0.0.1',
  };
}

async function drain(db: Knex, total: number): Promise<void> {
  for (;;) {
    const [{ n }] = await db('scans')
      .whereIn('state', ['succeeded', 'failed'])
      .count({ n: '*' });
    if (Number(n) >= total) return;
    await new Promise(resolve => setTimeout(resolve, 50));
  }
}

async function main() {
  const entities = arg('entities', 1000);
  const { db, label } = await database();
  await migratedClient({ getClient: async () => db });
  const store = new ImageHealthStore(db);
  const queue = new ScanQueue(db, { maxAttempts: 3 });

  const registry = new TestRegistry();
  await registry.start();
  const refs: string[] = [];
  const pushStart = Date.now();
  for (let i = 0; i < entities; i++) {
    await registry.push('bench/service', `v${i}`, {
      // One shared layer; the config (history, user) makes each digest unique.
      files: { 'app/server.js': 'console.log("hello")\n' },
      user: i % 2 ? 'app' : '',
      createdBy: `COPY app /app # ${i}`,
    });
    refs.push(`${registry.host}/bench/service:v${i}`);
  }
  const pushSeconds = (Date.now() - pushStart) / 1000;

  const inspector = new ImageInspector({
    registries: [{ host: registry.host, insecure: true }],
    deepAnalysis: { enabled: false, maxLayerBytes: 0, maxEntries: 0 },
  });
  const scanner = new EntityScanner({
    // No Dockerfiles in this benchmark: nothing is read.
    source: new DockerfileSource({} as never),
    inspector,
    listRules: () => [],
    logger: testLogger,
    rules: { ignore: [], severity: {} },
    budgets: DEFAULT_BUDGETS,
    imageSettings: {},
  });
  const scans = new ScanService({
    store,
    queue,
    scanner,
    catalog: {} as never,
    auth: {} as never,
    logger: testLogger,
    removedGracePeriodMs: 0,
    historyRetentionMs: 1e12,
    scanDeadlineMs: 600_000,
  });
  const targets: ScanTarget[] = refs.map((ref, i) => ({
    entityRef: `component:default/service-${i}`,
    kind: 'component',
    namespace: 'default',
    name: `service-${i}`,
    title: `Service ${i}`,
    owner: `group:default/team-${i % 25}`,
    dockerfiles: [],
    defaultDockerfile: false,
    images: [ref],
    ignore: [],
  }));
  await store.upsertTargets(targets, new Date());
  const worker = new ScanWorker({
    queue,
    run: scans.runJob,
    logger: testLogger,
    owner: 'bench',
    concurrency: 4,
    leaseMs: 300_000,
    pollIntervalMs: 20,
  });
  worker.start();

  const rounds: Array<{ name: string; seconds: number; requests: string }> = [];
  for (const [round, name] of [
    [1, 'full shallow scan'],
    [2, 'unchanged re-scan'],
  ] as const) {
    const before = inspector.requestStats;
    const beforeTotal = before.total;
    const beforeByKind = { ...before.byKind };
    const start = Date.now();
    for (const target of targets)
      await queue.enqueue(target.entityRef, 'schedule');
    worker.notify();
    await drain(db, entities * round);
    const seconds = (Date.now() - start) / 1000;
    const after = inspector.requestStats;
    const byKind = Object.entries(after.byKind)
      .map(
        ([kind, n]) =>
          `${kind} ${
            n - ((beforeByKind as Record<string, number>)[kind] ?? 0)
          }`,
      )
      .filter(s => !s.endsWith(' 0'))
      .join(', ');
    rounds.push({
      name,
      seconds,
      requests: `${after.total - beforeTotal} (${byKind})`,
    });
  }
  await worker.stop();
  const [{ failed }] = await db('scans')
    .where({ state: 'failed' })
    .count({ failed: '*' });

  const skopeoStart = Date.now();
  for (const ref of refs) {
    await run('skopeo', ['inspect', '--tls-verify=false', `docker://${ref}`]);
  }
  const skopeoSeconds = (Date.now() - skopeoStart) / 1000;
  await inspector.close();
  await registry.stop();

  await db.destroy();

  const now = new Date();
  const [full, unchanged] = rounds;
  console.log(`## Backend scans and scorecard at scale

Measured ${now
    .toISOString()
    .slice(
      0,
      10,
    )} by \`plugins/image-health-backend/bench/scale.bench.ts\` on ${
    os.cpus().length
  } shared cores, load average ${os
    .loadavg()[0]
    .toFixed(
      1,
    )}, ${label}, Debian's docker-registry on 127.0.0.1 (${entities} single-layer images pushed in ${pushSeconds.toFixed(
    1,
  )} s). Workers: 4 scans in flight, 4 requests per registry (the defaults); ${failed} scans failed.

| ${entities} image references | time | registry requests |
|---|---:|---|
| ${full.name}: queue, workers, inspector, store | ${full.seconds.toFixed(
    1,
  )} s | ${full.requests} |
| ${
    unchanged.name
  }: tag still at the same digest, result reused | ${unchanged.seconds.toFixed(
    1,
  )} s | ${unchanged.requests} |
| \`skopeo inspect\` in a loop | ${skopeoSeconds.toFixed(1)} s | |

Full scan vs skopeo loop: ${(full.seconds / skopeoSeconds).toFixed(
    2,
  )}× its time (target ≤ 0.5×); unchanged re-scan: ${(
    unchanged.seconds / skopeoSeconds
  ).toFixed(2)}×.`);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
