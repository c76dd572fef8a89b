/**
 * Issue 12's scorecard benchmark (not a test): 100,000 scanned entities on
 * PostgreSQL, each caller unable to see 40,000 of them (a different 40,000 per
 * caller), and requests that vary caller, filter, sort, order and page.
 *
 * Each timed request does what `GET /v1/scorecard` does: ask EntityVisibility
 * which scanned entities the caller may not read (its per-caller cache is warm,
 * so this is the incremental "scanned since" query plus the hidden list), then
 * the store's page, totals and aggregates. The catalog stand-in answers by rule:
 * the catalog's own speed is not what is measured; its first, cold answer per
 * caller is timed separately.
 *
 * Run from the repo root (or `node bench/scale.bench.mjs --part scorecard`):
 *   BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING=postgresql://postgres@127.0.0.1:5432 \
 *   node -r @backstage/cli/config/nodeTransform.cjs \
 *     plugins/image-health-backend/bench/scorecard.bench.ts [--entities 100000] [--requests 300]
 * Uses database ih_scorecard_bench (recreated). Prints a Markdown section.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  Grade,
  gradeOf,
  SCORECARD_SORT_FIELDS,
} from '@image-health/plugin-image-health-common';
import knexFactory from 'knex';
import os from 'os';
import { ImageHealthStore } from '../src/database/ImageHealthStore';
import { migratedClient } from '../src/database/migrations';
import { SCORECARD_SUMMARY_TTL_MS } from '../src/database/scorecard';
import { EntityVisibility } from '../src/service/EntityVisibility';
import { insertScorecardReports } from '../src/__testUtils__/scorecardRows';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const CALLERS = 5;

/** Caller k cannot read entity i when (i + k) % 5 >= 3: 40 % of the catalog, a different 40 % each. */
function callerCanRead(caller: number, entityRef: string): boolean {
  const index = Number(entityRef.slice(entityRef.lastIndexOf('-') + 1));
  return (index + caller) % CALLERS < 3;
}

function callerOf(credentials: BackstageCredentials): number {
  const ref = (credentials.principal as { userEntityRef: string })
    .userEntityRef;
  return Number(ref.slice(ref.lastIndexOf('-') + 1));
}

const catalog = {
  async getEntitiesByRefs(
    req: { entityRefs: string[] },
    options: { credentials: BackstageCredentials },
  ) {
    const caller = callerOf(options.credentials);
    return {
      items: req.entityRefs.map(ref => {
        if (!callerCanRead(caller, ref)) return undefined;
        const { kind, namespace, name } = parseEntityRef(ref);
        return {
          apiVersion: 'backstage.io/v1alpha1',
          kind,
          metadata: { namespace, name },
        };
      }),
    };
  },
} as unknown as CatalogService;

const FILTERS: Array<Record<string, string>> = [
  {},
  { owner: 'group:default/team-7' },
  { grade: 'F' },
  { grade: 'B' },
  { q: 'service 12' },
  { lifecycle: 'experimental' },
  { system: 'system:default/system-3' },
  { owner: 'group:default/team-21', grade: 'F' },
  { kind: 'component', type: 'service', lifecycle: 'production' },
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

async function main() {
  const entities = arg('entities', 100_000);
  const requests = arg('requests', 300);
  const url = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
  if (!url) {
    throw new Error(
      'set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING (the target is on PostgreSQL)',
    );
  }
  const admin = knexFactory({ client: 'pg', connection: `${url}/postgres` });
  await admin.raw('drop database if exists ih_scorecard_bench');
  await admin.raw('create database ih_scorecard_bench');
  const [{ server_version: pgVersion }] = (
    await admin.raw('show server_version')
  ).rows;
  await admin.destroy();
  const db = knexFactory({
    client: 'pg',
    connection: `${url}/ih_scorecard_bench`,
  });
  await migratedClient({ getClient: async () => db });
  await insertScorecardReports(db, entities);
  // The table as autovacuum keeps it: statistics and visibility map current.
  await db.raw('vacuum analyze');

  const credentials = Array.from({ length: CALLERS }, (_, k) =>
    mockCredentials.user(`user:default/caller-${k}`),
  );

  /**
   * `changesPerSecond` > 0: meanwhile a report changes score and grade that
   * often, as finished scans do, so summaries kept per version are computed
   * again.
   */
  async function measure(summaryTtlMs: number, changesPerSecond = 0) {
    const store = new ImageHealthStore(db, {
      scorecardSummaryTtlMs: summaryTtlMs,
    });
    const visibility = new EntityVisibility(catalog);
    const scannedRefs = (since?: Date) => store.scorecardEntityRefs(since);
    const cold: number[] = [];
    let hiddenPerCaller = 0;
    // A caller's first request asks the catalog about every scanned entity
    // and stores the caller's hidden set (unless another caller's equal set
    // is stored already): timed apart from the steady requests.
    for (const c of credentials) {
      const start = process.hrtime.bigint();
      const hidden = await visibility.unreadable(c, scannedRefs);
      hiddenPerCaller = hidden.refs.length;
      await store.scorecard(
        { sort: 'score', order: 'asc' },
        { offset: 0, limit: 50 },
        hidden,
      );
      cold.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    const times: number[] = [];
    let changes = 0;
    const changing =
      changesPerSecond > 0
        ? setInterval(() => {
            const score = (changes * 13) % 101;
            changes++;
            db('reports')
              .where({
                entity_ref: `component:default/sc-${
                  (changes * 7919) % entities
                }`,
              })
              .update({ score, grade: gradeOf(score) })
              .catch(error => console.error(error));
          }, 1000 / changesPerSecond)
        : undefined;
    let seed = 12345;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let i = 0; i < requests; i++) {
      const caller = credentials[i % CALLERS];
      const filter = FILTERS[next(FILTERS.length)];
      const sort = SCORECARD_SORT_FIELDS[next(SCORECARD_SORT_FIELDS.length)];
      const order = next(2) ? 'desc' : 'asc';
      const offset = next(20) * 50;
      const start = process.hrtime.bigint();
      const hidden = await visibility.unreadable(caller, scannedRefs);
      await store.scorecard(
        { ...filter, grade: filter.grade as Grade | undefined, sort, order },
        { offset, limit: 50 },
        hidden,
      );
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    clearInterval(changing);
    times.sort((a, b) => a - b);
    return {
      p50: percentile(times, 0.5),
      p95: percentile(times, 0.95),
      max: times[times.length - 1],
      cold: Math.max(...cold),
      hiddenPerCaller,
      changes,
    };
  }

  const load = os.loadavg()[0];
  const uncached = await measure(0);
  const changing = await measure(0, 1);
  const cached = await measure(SCORECARD_SUMMARY_TTL_MS);
  await db.destroy();

  const ms = (n: number) => n.toFixed(1);
  console.log(`## Scorecard at scale with visibility

Measured ${new Date()
    .toISOString()
    .slice(
      0,
      10,
    )} by \`plugins/image-health-backend/bench/scorecard.bench.ts\` on ${
    os.cpus().length
  } shared cores (${os.cpus()[0].model.trim()}), Node ${
    process.version
  }, PostgreSQL ${pgVersion} on 127.0.0.1, load average ${load.toFixed(
    1,
  )} at the start.

${entities.toLocaleString(
  'en-US',
)} scanned entities; ${CALLERS} callers, each unable to read ${uncached.hiddenPerCaller.toLocaleString(
    'en-US',
  )} of them (a different set per caller). ${requests} requests rotate the caller and draw the filter (${
    FILTERS.length
  } combinations of owner, grade, text, lifecycle, system, kind/type, or none), the sort field (all ${
    SCORECARD_SORT_FIELDS.length
  }), the order and the page (offset 0–950, 50 rows). Each request asks which entities the caller may not read and runs the page, totals and aggregates queries, as the route does.

| totals and aggregates | p50 | p95 | max |
|---|---:|---:|---:|
| computed on every request (no summary cache) | ${ms(
    uncached.p50,
  )} ms | **${ms(uncached.p95)} ms** | ${ms(uncached.max)} ms |
| the same while a report changes every second (${
    changing.changes
  } changes during the run) | ${ms(changing.p50)} ms | ${ms(
    changing.p95,
  )} ms | ${ms(changing.max)} ms |
| reused ${
    SCORECARD_SUMMARY_TTL_MS / 1000
  } s per caller and filter (the default) | ${ms(cached.p50)} ms | ${ms(
    cached.p95,
  )} ms | ${ms(cached.max)} ms |

Target: p95 < 100 ms without the summary cache. What is cached: the page rows never are;
totals and aggregates per (filter, hidden set) for ${
    SCORECARD_SUMMARY_TTL_MS / 1000
  } s; per caller, the catalog's answers on which scanned entities they may read, for 60 s, with
entities scanned since asked again on each request; per hidden set, the caller's readable reports
counted by every filterable value (owner, kind, type, lifecycle, system, grade, policy state),
kept while the database's \`scorecard_version\` (raised by triggers on any change to those
columns, by any instance) is where it was: one primary-key read per request, and totals and
aggregates of any filter but a text search are sums over those counts. Each distinct hidden set is stored once
in the database (\`scorecard_hidden_sets\`, named by a hash of its content) and joined by
index; that is the data the statements read, not a cache of their answers. The first request
of a caller, with that cache cold, asked the stand-in catalog about all ${entities.toLocaleString(
    'en-US',
  )} entities in batches of 500, stored the caller's hidden set and answered: up to ${ms(
    Math.max(uncached.cold, cached.cold),
  )} ms here (against a real catalog it is bounded by the catalog's batch lookups).`);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
