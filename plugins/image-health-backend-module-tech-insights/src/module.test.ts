import {
  createServiceFactory,
  coreServices,
} from '@backstage/backend-plugin-api';
import {
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import fs from 'fs';
import http from 'http';
import { AddressInfo } from 'net';
import path from 'path';
import request from 'supertest';
import { parse as parseYaml } from 'yaml';
import techInsightsPlugin from '@backstage-community/plugin-tech-insights-backend';
import techInsightsModuleJsonRulesEngineFactCheckerFactory from '@backstage-community/plugin-tech-insights-backend-module-jsonfc';
// The facts come from the real Image Health plugin, run beside Tech Insights.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import imageHealthPlugin from '@image-health/plugin-image-health-backend';
import { techInsightsModuleImageHealth } from './module';

jest.setTimeout(120_000);

const REPO_ROOT = path.resolve(__dirname, '../../..');
const CHECKS = parseYaml(
  fs.readFileSync(path.resolve(__dirname, '../checks.yaml'), 'utf8'),
);

/**
 * The repository's example Dockerfiles over HTTP on loopback, as a Git host
 * serves a source location: `/<example>/Dockerfile`.
 */
async function serveExamples(): Promise<{ host: string; server: http.Server }> {
  const server = http.createServer((req, res) => {
    const [, example, file, ...rest] = (req.url ?? '').split('/');
    const onDisk = path.join(
      REPO_ROOT,
      'examples',
      example ?? '',
      'Dockerfile',
    );
    if (file !== 'Dockerfile' || rest.length || !fs.existsSync(onDisk)) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200).end(fs.readFileSync(onDisk));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { host: `127.0.0.1:${port}`, server };
}

/** Each plugin its own fresh database, as in production: their migrations share table names. */
function databasePerPlugin(databases: TestDatabases, id: TestDatabaseId) {
  return createServiceFactory({
    service: coreServices.database,
    deps: { plugin: coreServices.pluginMetadata },
    async factory() {
      const knex = await databases.init(id);
      return { getClient: async () => knex };
    },
  });
}

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

describe.each(databases.eachSupportedId())(
  'Image Health facts in Tech Insights on %s',
  databaseId => {
    let examples: { host: string; server: http.Server };
    let app: any;
    let runRetriever: () => Promise<void>;

    function component(name: string, example: string): Entity {
      return {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name,
          annotations: {
            'backstage.io/source-location': `url:http://${examples.host}/${example}/`,
          },
        },
        spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
      };
    }

    async function scan(name: string): Promise<void> {
      const queued = await request(app).post(
        `/api/image-health/v1/entities/component/default/${name}/scan`,
      );
      expect(queued.status).toBe(202);
      const deadline = Date.now() + 60_000;
      for (;;) {
        const { body } = await request(app).get(
          `/api/image-health/v1/scans/${queued.body.id}`,
        );
        if (body.state === 'succeeded') return;
        if (body.state === 'failed' || Date.now() > deadline) {
          throw new Error(`scan of ${name}: ${JSON.stringify(body)}`);
        }
        await new Promise(resolve => setTimeout(resolve, 100));
      }
    }

    async function runChecks(name: string) {
      const res = await request(app)
        .post(`/api/tech-insights/checks/run/default/component/${name}`)
        .send({ checks: Object.keys(CHECKS) });
      expect(res.status).toBe(200);
      return Object.fromEntries(
        res.body.map((r: { check: { id: string }; result: boolean }) => [
          r.check.id,
          r.result,
        ]),
      );
    }

    beforeAll(async () => {
      examples = await serveExamples();
      const scheduler = mockServices.scheduler.mock();
      const backend = await startTestBackend({
        features: [
          imageHealthPlugin,
          techInsightsPlugin,
          techInsightsModuleJsonRulesEngineFactCheckerFactory,
          techInsightsModuleImageHealth,
          databasePerPlugin(databases, databaseId),
          catalogServiceMock.factory({
            entities: [
              // Grade A, no error findings.
              component('payments', 'go-multi-stage'),
              // Grade C, one error finding (an apt cleanup in a later layer).
              component('reporting', 'apt-layer-pile'),
            ],
          }),
          mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
          scheduler.factory,
          mockServices.rootConfig.factory({
            data: {
              backend: { reading: { allow: [{ host: examples.host }] } },
              techInsights: {
                factRetrievers: {
                  imageHealthFactRetriever: { cadence: '0 * * * *' },
                },
                factChecker: { checks: CHECKS },
              },
            },
          }),
        ],
      });
      app = backend.server;
      runRetriever = async () => {
        const task = scheduler.scheduleTask.mock.calls.find(
          ([t]) => t.id === 'imageHealthFactRetriever',
        );
        if (!task) throw new Error('the retriever was not scheduled');
        await task[0].fn(new AbortController().signal);
      };
      await scan('payments');
      await scan('reporting');
      await runRetriever();
    });

    afterAll(async () => {
      await new Promise(resolve => examples.server.close(resolve));
    });

    it("stores each scanned entity's facts from its Image Health report", async () => {
      const report = await request(app).get(
        '/api/image-health/v1/entities/component/default/reporting',
      );
      const res = await request(app)
        .get('/api/tech-insights/facts/latest')
        .query({
          entity: 'component:default/reporting',
          'ids[]': 'imageHealthFactRetriever',
        });
      expect(res.status).toBe(200);
      const { facts } = res.body.imageHealthFactRetriever;
      expect(facts).toMatchObject({
        score: report.body.score.value,
        grade: 'C',
        securityScore: report.body.score.categories.security.value,
        errorFindings: 1,
        baseImage: 'debian:bookworm',
        // No imageHealth.policy configured: nothing violates it.
        policyViolations: 0,
      });
      expect(facts.sizeScore).toBe(report.body.score.categories.size.value);
      expect(new Date(facts.lastScanTime).toISOString()).toBe(
        report.body.scannedAt,
      );
      // No image was scanned: no guess at root or size.
      expect(facts).not.toHaveProperty('runsAsRoot');
      expect(facts).not.toHaveProperty('sizeBytes');
    });

    it('passes the ready checks of a clean entity and fails those a poor one misses', async () => {
      expect(await runChecks('payments')).toEqual({
        imageHealthGradeAtLeastB: true,
        imageHealthNoErrorFindings: true,
      });
      expect(await runChecks('reporting')).toEqual({
        imageHealthGradeAtLeastB: false,
        imageHealthNoErrorFindings: false,
      });
    });
  },
);
