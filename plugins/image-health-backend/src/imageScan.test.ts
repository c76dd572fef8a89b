import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Report, ScanStatus } from '@image-health/plugin-image-health-common';
import { Knex } from 'knex';
import request from 'supertest';
import { imageHealthPlugin } from './plugin';
import { DockerfileServer } from './__testUtils__/DockerfileServer';
import { expectToMatchOpenApi } from './__testUtils__/openApi';
import { TestRegistry } from './__testUtils__/registry';

jest.setTimeout(90_000);

const DOCKERFILE = [
  'FROM node:20',
  'WORKDIR /app',
  'COPY . .',
  'RUN npm ci',
  'CMD ["node", "server.js"]',
  '',
].join('\n');

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const files = new DockerfileServer();
const registry = new TestRegistry();

beforeAll(async () => {
  await Promise.all([files.start(), registry.start()]);
  files.set('/repos/shop/Dockerfile', DOCKERFILE);
});
afterAll(async () => {
  await Promise.all([files.stop(), registry.stop()]);
});

function component(
  name: string,
  annotations: Record<string, string>,
  source = '/repos/shop/',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      annotations: {
        'backstage.io/source-location': `url:${files.url(source)}`,
        ...annotations,
      },
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-shop' },
  };
}

describe.each(databases.eachSupportedId())(
  'scanning images in a real registry on %s',
  databaseId => {
    let app: any;
    let knex: Knex;
    let shopImage: string;

    async function scanNow(name: string): Promise<ScanStatus> {
      const queued = await request(app).post(
        `/api/image-health/v1/entities/component/default/${name}/scan`,
      );
      expect(queued.status).toBe(202);
      const deadline = Date.now() + 30_000;
      for (;;) {
        const res = await request(app).get(
          `/api/image-health/v1/scans/${queued.body.id}`,
        );
        if (['succeeded', 'failed'].includes(res.body.state)) return res.body;
        if (Date.now() > deadline) throw new Error('scan did not finish');
        await new Promise(resolve => setTimeout(resolve, 50));
      }
    }

    async function report(name: string): Promise<Report> {
      const res = await request(app).get(
        `/api/image-health/v1/entities/component/default/${name}`,
      );
      expect(res.status).toBe(200);
      expectToMatchOpenApi(
        'get',
        '/v1/entities/{kind}/{namespace}/{name}',
        200,
        res.body,
      );
      return res.body;
    }

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      const repository = `shop-${databaseId.toLowerCase()}`;
      await registry.push(repository, '1.0', {
        files: { 'app/server.js': 'console.log("hi")\n' },
        createdBy: 'COPY . . # buildkit',
      });
      shopImage = `${registry.host}/${repository}:1.0`;
      const entities = [
        component('shop', {
          'image-health/dockerfile': 'Dockerfile',
          'image-health/image': shopImage,
        }),
        // No Dockerfile at these source roots: the image is all there is.
        component(
          'elsewhere',
          { 'image-health/image': 'registry.example.invalid/acme/api:1.0' },
          '/repos/no-dockerfile/',
        ),
        component(
          'local-archive',
          { 'image-health/image': 'docker-archive:/etc/passwd' },
          '/repos/no-dockerfile/',
        ),
      ];
      const backend = await startTestBackend({
        features: [
          imageHealthPlugin,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              backend: { reading: { allow: [{ host: files.host }] } },
              imageHealth: {
                registries: [{ host: registry.host, insecure: true }],
              },
            },
          }),
          catalogServiceMock.factory({ entities }),
          mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
          mockServices.scheduler.mock().factory,
        ],
      });
      app = backend.server;
    });

    it('puts the Dockerfile and the image of an entity in one scored report', async () => {
      expect((await scanNow('shop')).state).toBe('succeeded');
      const body = await report('shop');
      expect(body.status).toBe('ok');
      expect(body.dockerfiles).toHaveLength(1);
      expect(body.images).toEqual([
        expect.objectContaining({
          ref: shopImage,
          userIsRoot: true,
          compressedBytes: expect.any(Number),
        }),
      ]);
      expect(body.images[0].findings.length).toBeGreaterThan(0);
      // Size is judged against the node budget, the language of the base image.
      expect(body.score.categories.size.detail).toMatch(
        /compressed against a 200 MB node budget/,
      );

      const scorecard = await request(app).get(
        '/api/image-health/v1/scorecard?owner=team-shop',
      );
      expectToMatchOpenApi('get', '/v1/scorecard', 200, scorecard.body);
      expect(scorecard.body.rows).toEqual([
        expect.objectContaining({
          entityRef: 'component:default/shop',
          userIsRoot: true,
          compressedBytes: body.images[0].compressedBytes,
        }),
      ]);
    });

    it('reuses the result while the tag points at the same digest, and rescans when it moves', async () => {
      await scanNow('shop');
      const before = await report('shop');

      const unchanged = await scanNow('shop');
      const [row] = await knex('scans').where({ id: unchanged.id });
      expect(JSON.parse(row.checks)).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            kind: 'image',
            ref: shopImage,
            digest: before.images[0].digest,
            reused: true,
          }),
        ]),
      );
      expect((await report('shop')).scannedAt).toBe(before.scannedAt);

      const repository = shopImage.slice(
        registry.host.length + 1,
        shopImage.lastIndexOf(':'),
      );
      const moved = await registry.push(repository, '1.0', {
        files: { 'app/server.js': 'console.log("v2")\n' },
        user: 'node',
        createdBy: 'COPY . . # v2',
      });
      await scanNow('shop');
      const after = await report('shop');
      expect(after.images[0]).toMatchObject({
        digest: moved,
        userIsRoot: false,
      });
      expect(Date.parse(after.scannedAt)).toBeGreaterThan(
        Date.parse(before.scannedAt),
      );
    });

    it('contacts only configured registries, and says where to configure one', async () => {
      const scan = await scanNow('elsewhere');
      expect(scan.state).toBe('failed');
      const body = await report('elsewhere');
      expect(body.status).toBe('failed');
      expect(body.error).toMatch(/registry\.example\.invalid/);
      expect(body.error).toMatch(/imageHealth\.registries/);
    });

    it('never reads a local image archive named in an annotation', async () => {
      const scan = await scanNow('local-archive');
      expect(scan.state).toBe('failed');
      const body = await report('local-archive');
      expect(body.images).toEqual([]);
      expect(body.error).toMatch(/local source/);
    });
  },
);
