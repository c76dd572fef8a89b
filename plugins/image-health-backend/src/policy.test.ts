import { TestDatabases } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { DockerfileServer } from './__testUtils__/DockerfileServer';
import { expectToMatchOpenApi } from './__testUtils__/openApi';
import {
  componentAt,
  ImageHealthTestBackend,
} from './__testUtils__/testBackend';

jest.setTimeout(120_000);

const MB = 1024 * 1024;
const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const files = new DockerfileServer();

// Untagged, so `latest`, and no USER.
const ON_LATEST = 'FROM nginx\nCOPY site/ /usr/share/nginx/html/\n';
const PINNED_AS_USER = [
  'FROM node:20.11-alpine',
  'WORKDIR /app',
  'COPY --chown=node package.json package-lock.json ./',
  'RUN npm ci --omit=dev',
  'COPY --chown=node . .',
  'USER node',
  'CMD ["node", "server.js"]',
  '',
].join('\n');

const POLICY = {
  forbiddenBaseImages: ['*:latest', 'node:16*'],
  requireNonRoot: true,
};

beforeAll(async () => {
  await files.start();
  files.set('/repos/site/Dockerfile', ON_LATEST);
  files.set('/repos/api/Dockerfile', PINNED_AS_USER);
  files.set('/repos/typo/Dockerfile', PINNED_AS_USER);
});
afterAll(() => files.stop());

describe.each(databases.eachSupportedId())(
  'organisation policy on %s',
  databaseId => {
    let backend: ImageHealthTestBackend;

    beforeAll(async () => {
      backend = await ImageHealthTestBackend.start({
        knex: await databases.init(databaseId),
        files,
        imageHealth: { policy: POLICY },
        catalog: catalogServiceMock.factory({
          entities: [
            componentAt(files, 'site', {
              source: '/repos/site/',
              owner: 'team-a',
            }),
            componentAt(files, 'api', {
              source: '/repos/api/',
              owner: 'team-a',
              annotations: { 'image-health/size-budget': '40MB' },
            }),
            componentAt(files, 'typo', {
              source: '/repos/typo/',
              owner: 'team-b',
              annotations: { 'image-health/size-budget': 'forty megs' },
            }),
          ],
        }),
      });
      for (const name of ['site', 'api', 'typo']) {
        const scan = await backend.scanNow(name);
        if (scan.state !== 'succeeded')
          throw new Error(`scan of ${name} ${scan.state}: ${scan.error}`);
      }
    });

    it('reports policy breaches as policy findings at the FROM line and caps the grade', async () => {
      const { status, body } = await backend.getReport('site');
      expect(status).toBe(200);
      const policy = body.dockerfiles[0].findings.filter(
        f => f.category === 'policy',
      );
      expect(policy.map(f => [f.ruleId, f.severity, f.line])).toEqual([
        ['policy-forbidden-base-image', 'error', 1],
        ['policy-non-root', 'warning', 1],
      ]);
      expect(body.score.value).toBeLessThanOrEqual(69);
    });

    it('judges an entity against its own size budget from the annotation', async () => {
      const { body } = await backend.getReport('api');
      expect(body.status).toBe('ok');
      expect(body.score.categories.size.budgetBytes).toBe(40 * MB);
      expect(body.score.categories.size.detail).toContain(
        "40.0 MB the entity's own budget",
      );
      expect(
        body.dockerfiles[0].findings.filter(f => f.category === 'policy'),
      ).toEqual([]);
    });

    it('says why a size budget it cannot read is ignored, and judges against the language budget', async () => {
      const { body } = await backend.getReport('typo');
      expect(body.status).toBe('partial');
      expect(body.error).toBe(
        'image-health/size-budget "forty megs" is not a size (write e.g. 250MB); the language budget applies',
      );
      expect(body.score.categories.size.budgetBytes).toBe(200 * MB);
    });

    it('counts violations on the scorecard and filters by them', async () => {
      const get = async (query: string) => {
        const res = await request(backend.app).get(
          `/api/image-health/v1/scorecard${query}`,
        );
        expect(res.status).toBe(200);
        expectToMatchOpenApi('get', '/v1/scorecard', 200, res.body);
        return res.body;
      };
      const worst = await get('?sort=policyViolations&order=desc');
      expect(
        worst.rows.map((r: any) => [r.entityRef, r.policyViolations]),
      ).toEqual([
        ['component:default/site', 2],
        ['component:default/api', 0],
        ['component:default/typo', 0],
      ]);
      const violating = await get('?policy=violating');
      expect(violating.rows.map((r: any) => r.entityRef)).toEqual([
        'component:default/site',
      ]);
      expect(violating.totals.filtered).toBe(1);
      const compliant = await get('?policy=compliant&sort=entityRef');
      expect(compliant.rows.map((r: any) => r.entityRef)).toEqual([
        'component:default/api',
        'component:default/typo',
      ]);
      const refused = await request(backend.app).get(
        '/api/image-health/v1/scorecard?policy=maybe',
      );
      expect(refused.status).toBe(400);
    });
  },
);

describe('imageHealth.policy at startup', () => {
  it('refuses to start with a policy it cannot read, naming the key', async () => {
    await expect(
      ImageHealthTestBackend.start({
        knex: await databases.init('SQLITE_3'),
        files,
        imageHealth: { policy: { forbiddenBaseImages: ['node:[16'] } },
        catalog: catalogServiceMock.factory({ entities: [] }),
      }),
    ).rejects.toThrow(
      'imageHealth.policy.forbiddenBaseImages: "node:[16" is not a glob (a [ class is not closed)',
    );
    await expect(
      ImageHealthTestBackend.start({
        knex: await databases.init('SQLITE_3'),
        files,
        imageHealth: { policy: { requireNonroot: true } },
        catalog: catalogServiceMock.factory({ entities: [] }),
      }),
    ).rejects.toThrow(
      /imageHealth\.policy\.requireNonroot is not a policy setting/,
    );
  });
});
