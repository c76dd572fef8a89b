import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  GRADES,
  ScorecardResponse,
} from '@image-health/plugin-image-health-common';
import { Knex } from 'knex';
import request from 'supertest';
import { imageHealthPlugin } from './plugin';
import { expectToMatchOpenApi } from './__testUtils__/openApi';
import {
  insertScorecardReports,
  ScorecardRowFacts,
} from './__testUtils__/scorecardRows';

jest.setTimeout(180_000);

const REPORTS = 60_000;
/** Sees one entity in three: 40,000 of the 60,000 scanned entities are hidden from them. */
const NARROW = 'user:default/narrow';
/** Another user who may read exactly what NARROW may. */
const NARROW_TWIN = 'user:default/narrow-twin';
const WIDE = 'user:default/wide';

/** The generated entity's number: `component:default/sc-<i>`. */
function indexOf(entityRef: string): number {
  return Number(entityRef.slice(entityRef.lastIndexOf('-') + 1));
}

function visibleTo(entityRef: string, credentials?: BackstageCredentials) {
  const user = (credentials?.principal as { userEntityRef?: string })
    ?.userEntityRef;
  const index = indexOf(entityRef);
  return (
    user === WIDE ||
    ((user === NARROW || user === NARROW_TWIN) && index % 3 === 0)
  );
}

/** The catalog as its permission policy shapes it, answering per caller. */
const catalog = catalogServiceMock.mock({
  getEntitiesByRefs: async (req, options) => ({
    items: req.entityRefs.map(ref => {
      if (
        !visibleTo(
          ref,
          (options as { credentials?: BackstageCredentials }).credentials,
        )
      )
        return undefined;
      const { kind, namespace, name } = parseEntityRef(ref);
      return {
        apiVersion: 'backstage.io/v1alpha1',
        kind,
        metadata: { namespace, name },
      };
    }),
  }),
});

/** The scorecard computed from what was stored, as the caller should see it. */
function expected(
  rows: ScorecardRowFacts[],
  keep: (row: ScorecardRowFacts) => boolean = () => true,
) {
  const filtered = rows.filter(keep);
  const gradeDistribution: Record<string, number> = Object.fromEntries(
    GRADES.map(g => [g, 0]),
  );
  const owners = new Map<string, { entities: number; sum: number }>();
  for (const r of filtered) {
    gradeDistribution[r.grade]++;
    const o = owners.get(r.owner) ?? { entities: 0, sum: 0 };
    o.entities++;
    o.sum += r.score;
    owners.set(r.owner, o);
  }
  const byScore = [...filtered].sort(
    (a, b) => a.score - b.score || (a.entityRef < b.entityRef ? -1 : 1),
  );
  return {
    totals: { entities: rows.length, filtered: filtered.length },
    gradeDistribution,
    owners: [...owners.entries()]
      .map(([name, o]) => ({
        owner: name,
        entities: o.entities,
        averageScore: Math.round((o.sum / o.entities) * 10) / 10,
      }))
      .sort(
        (a, b) =>
          a.averageScore - b.averageScore || a.owner.localeCompare(b.owner),
      ),
    reclaimableBytes: filtered.reduce(
      (sum, r) => sum + (r.reclaimableBytes ?? 0),
      0,
    ),
    topReclaimable: [...filtered]
      .filter(r => (r.reclaimableBytes ?? 0) > 0)
      .sort(
        (a, b) =>
          b.reclaimableBytes! - a.reclaimableBytes! ||
          (a.entityRef < b.entityRef ? -1 : 1),
      )
      .slice(0, 10)
      .map(r => ({
        entityRef: r.entityRef,
        title: r.title,
        reclaimableBytes: r.reclaimableBytes,
      })),
    page: (offset: number, limit: number) =>
      byScore.slice(offset, offset + limit).map(r => r.entityRef),
  };
}

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

describe.each(databases.eachSupportedId())(
  'the scorecard of a caller who cannot see most of the catalog, on %s',
  databaseId => {
    let app: any;
    let knex: Knex;
    let rows: ScorecardRowFacts[];

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      const backend = await startTestBackend({
        features: [
          imageHealthPlugin,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({ data: { imageHealth: {} } }),
          catalog.factory,
          mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
          // Real token checks: a request without credentials is refused.
          mockServices.httpAuth.factory({
            defaultCredentials: mockCredentials.none(),
          }),
          mockServices.scheduler.mock().factory,
        ],
      });
      app = backend.server;
      // Scans write `reports` once the plugin's migrations ran at startup.
      rows = await insertScorecardReports(knex, REPORTS);
    });

    async function scorecard(user: string, query: string) {
      const res = await request(app)
        .get(`/api/image-health/v1/scorecard?${query}`)
        .set('authorization', mockCredentials.user.header(user));
      expect(res.status).toBe(200);
      expectToMatchOpenApi('get', '/v1/scorecard', 200, res.body);
      return res.body as ScorecardResponse;
    }

    it('answers 200 with rows, totals and aggregates over only the 20,000 entities the caller may read', async () => {
      const visible = rows.filter((_, i) => i % 3 === 0);
      expect(rows.length - visible.length).toBeGreaterThanOrEqual(40_000);
      const want = expected(visible);

      const body = await scorecard(
        NARROW,
        'sort=score&order=asc&offset=100&limit=50',
      );

      expect(body.totals).toEqual(want.totals);
      expect(body.rows.map(r => r.entityRef)).toEqual(want.page(100, 50));
      expect(body.aggregates.gradeDistribution).toEqual(want.gradeDistribution);
      expect(body.aggregates.owners).toEqual(want.owners);
      expect(body.aggregates.reclaimableBytes).toBe(want.reclaimableBytes);
      expect(body.aggregates.topReclaimable).toEqual(want.topReclaimable);
    });

    it('filters within what the caller may read, and another caller sees their own totals', async () => {
      const narrow = expected(
        rows.filter((_, i) => i % 3 === 0),
        r => r.owner === 'group:default/team-9',
      );
      const body = await scorecard(NARROW, 'owner=team-9&limit=20');
      expect(body.totals).toEqual(narrow.totals);
      expect(body.rows.map(r => r.entityRef)).toEqual(narrow.page(0, 20));
      expect(body.aggregates.owners).toEqual(narrow.owners);

      const wide = await scorecard(WIDE, 'owner=team-9&limit=20');
      expect(wide.totals).toEqual(
        expected(rows, r => r.owner === 'group:default/team-9').totals,
      );
    });

    it('answers every kind of filter with the totals, aggregates and pages of the matching entities the caller may read', async () => {
      const visible = rows.filter((_, i) => i % 3 === 0);
      const cases: Array<[string, (r: ScorecardRowFacts) => boolean]> = [
        ['grade=F', r => r.grade === 'F'],
        ['lifecycle=experimental', r => r.lifecycle === 'experimental'],
        [
          'owner=team-9&grade=C',
          r => r.owner === 'group:default/team-9' && r.grade === 'C',
        ],
        // Every 30th entity from the 4th: i % 30 === 3.
        ['system=system-3', r => indexOf(r.entityRef) % 30 === 3],
        ['q=service%2012', r => r.title.toLowerCase().includes('service 12')],
        // Only entities the caller may not read are in system-1.
        ['system=system-1', () => false],
      ];
      for (const [query, keep] of cases) {
        const want = expected(visible, keep);
        for (const offset of [0, 100]) {
          const body = await scorecard(
            NARROW,
            `${query}&sort=score&order=asc&offset=${offset}&limit=50`,
          );
          expect({ query, totals: body.totals }).toEqual({
            query,
            totals: want.totals,
          });
          expect(body.rows.map(r => r.entityRef)).toEqual(
            want.page(offset, 50),
          );
          expect(body.aggregates.gradeDistribution).toEqual(
            want.gradeDistribution,
          );
          expect(body.aggregates.owners).toEqual(want.owners);
          expect(body.aggregates.reclaimableBytes).toBe(want.reclaimableBytes);
          expect(body.aggregates.topReclaimable).toEqual(want.topReclaimable);
        }
      }
    });

    it('follows an entity that changes owner and grade in the database, whichever instance wrote it', async () => {
      const visible = rows.filter((_, i) => i % 3 === 0);
      const ownedBy = (owner: string) => (r: ScorecardRowFacts) =>
        r.owner === `group:default/${owner}`;
      expect((await scorecard(NARROW, 'owner=team-11&limit=1')).totals).toEqual(
        expected(visible, ownedBy('team-11')).totals,
      );
      // sc-9 (team-9, readable) moves to team-11 and drops to grade F, as a
      // catalog change and a new scan by another instance write it.
      const sc9 = { entity_ref: 'component:default/sc-9' };
      const before = await knex('reports').where(sc9).first();
      try {
        await knex('reports')
          .where(sc9)
          .update({ owner: 'group:default/team-11', score: 3, grade: 'F' });
        const moved = visible.map(r =>
          r.entityRef === sc9.entity_ref
            ? { ...r, owner: 'group:default/team-11', score: 3, grade: 'F' }
            : r,
        );
        // Filters not asked for yet: totals of one filter are reused for 10 s.
        const team11 = await scorecard(NARROW, 'owner=team-11&grade=F&limit=5');
        const want = expected(
          moved,
          r => ownedBy('team-11')(r) && r.grade === 'F',
        );
        expect(team11.totals).toEqual(want.totals);
        expect(team11.rows.map(r => r.entityRef)).toEqual(want.page(0, 5));
        expect(team11.aggregates.owners).toEqual(want.owners);
        const team9 = await scorecard(NARROW, 'owner=team-9&grade=F&limit=1');
        expect(team9.totals).toEqual(
          expected(moved, r => ownedBy('team-9')(r) && r.grade === 'F').totals,
        );
      } finally {
        await knex('reports').where(sc9).update({
          owner: before.owner,
          score: before.score,
          grade: before.grade,
        });
      }
    });

    it('still answers right when the scorecard_version row was deleted by hand (nothing is kept then)', async () => {
      const visible = rows.filter((_, i) => i % 3 === 0);
      const [row] = await knex('scorecard_version').select('id', 'version');
      await knex('scorecard_version').delete();
      try {
        const body = await scorecard(NARROW, 'owner=team-13&limit=5');
        const want = expected(
          visible,
          r => r.owner === 'group:default/team-13',
        );
        expect(body.totals).toEqual(want.totals);
        expect(body.aggregates.owners).toEqual(want.owners);
      } finally {
        await knex('scorecard_version').insert(row);
      }
    });

    it("keeps a filtered scorecard's count of readable entities right when reports come and go", async () => {
      // A different filter each time: totals of one filter are reused for 10 s.
      const readable = async (owner: string) =>
        (await scorecard(NARROW, `owner=${owner}&limit=1`)).totals.entities;
      expect(await readable('team-9')).toBe(20_000);
      // An entity the caller may read leaves the catalog, another is scanned again.
      const sc0 = { entity_ref: 'component:default/sc-0' };
      try {
        await knex('reports').where(sc0).update({ active: false });
        await knex('reports')
          .where({ entity_ref: 'component:default/sc-3' })
          .update({ scanned_at: new Date() });
        expect(await readable('team-19')).toBe(19_999);
      } finally {
        await knex('reports').where(sc0).update({ active: true });
      }
      expect(await readable('team-29')).toBe(20_000);
    });

    it('pages by score and by reclaimable bytes in both orders, nulls last and ties by entity ref, within what the caller may read', async () => {
      const visible = rows.filter((_, i) => i % 3 === 0);
      const byRef = (a: ScorecardRowFacts, b: ScorecardRowFacts) =>
        a.entityRef < b.entityRef ? -1 : 1;
      for (const [sort, value] of [
        ['score', (r: ScorecardRowFacts) => r.score],
        ['reclaimableBytes', (r: ScorecardRowFacts) => r.reclaimableBytes],
      ] as const) {
        for (const order of ['asc', 'desc'] as const) {
          const sorted = [...visible].sort((a, b) => {
            const x = value(a);
            const y = value(b);
            if (x === null && y === null) return byRef(a, b);
            if (x === null) return 1;
            if (y === null) return -1;
            return (order === 'asc' ? x - y : y - x) || byRef(a, b);
          });
          for (const offset of [950, visible.length - 20]) {
            const body = await scorecard(
              NARROW,
              `sort=${sort}&order=${order}&offset=${offset}&limit=50`,
            );
            expect(body.rows.map(r => r.entityRef)).toEqual(
              sorted.slice(offset, offset + 50).map(r => r.entityRef),
            );
          }
        }
      }
    });

    it('stores each distinct hidden set once, shared by the callers who may read the same entities', async () => {
      await scorecard(NARROW, 'limit=1');
      await scorecard(NARROW_TWIN, 'grade=F&limit=1');
      await scorecard(WIDE, 'limit=1');
      const sets = await knex('scorecard_hidden_sets').select('id', 'size');
      const narrowSets = sets.filter(set => Number(set.size) === 40_000);
      expect(narrowSets).toHaveLength(1);
      const [{ refs }] = await knex('scorecard_hidden_refs')
        .where({ set_id: narrowSets[0].id })
        .count({ refs: '*' });
      expect(Number(refs)).toBe(40_000);
      // Nothing is hidden from WIDE: no set is stored for them.
      expect(sets.every(set => Number(set.size) > 0)).toBe(true);
    });

    it('answers 401 to a request without a token, and 200 with an empty scorecard to a user who sees nothing', async () => {
      for (const path of [
        '/api/image-health/v1/scorecard',
        '/api/image-health/v1/entities/component/default/sc-0',
        '/api/image-health/v1/rules',
      ]) {
        const res = await request(app).get(path);
        expect(res.status).toBe(401);
      }
      const res = await request(app).post(
        '/api/image-health/v1/entities/component/default/sc-0/scan',
      );
      expect(res.status).toBe(401);

      const nobody = await scorecard('user:default/nobody', 'limit=5');
      expect(nobody.totals).toEqual({ entities: 0, filtered: 0 });
      expect(nobody.rows).toEqual([]);
    });
  },
);
