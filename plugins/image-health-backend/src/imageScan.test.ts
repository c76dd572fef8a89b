import { TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Report } from '@image-health/plugin-image-health-common';
import { Knex } from 'knex';
import request from 'supertest';
import { DockerfileServer } from './__testUtils__/DockerfileServer';
import { expectToMatchOpenApi } from './__testUtils__/openApi';
import { TestRegistry } from './__testUtils__/registry';
import {
  componentAt,
  ImageHealthTestBackend,
} from './__testUtils__/testBackend';

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
  return componentAt(files, name, { source, owner: 'team-shop', annotations });
}

describe.each(databases.eachSupportedId())(
  'scanning images in a real registry on %s',
  databaseId => {
    let backend: ImageHealthTestBackend;
    let app: any;
    let knex: Knex;
    let shopImage: string;

    async function report(name: string): Promise<Report> {
      const { status, body } = await backend.getReport(name);
      expect(status).toBe(200);
      return body;
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
      backend = await ImageHealthTestBackend.start({
        knex,
        files,
        imageHealth: { registries: [{ host: registry.host, insecure: true }] },
        catalog: catalogServiceMock.factory({ entities }),
      });
      app = backend.app;
    });

    it('puts the Dockerfile and the image of an entity in one scored report', async () => {
      expect((await backend.scanNow('shop')).state).toBe('succeeded');
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
      await backend.scanNow('shop');
      const before = await report('shop');

      const unchanged = await backend.scanNow('shop');
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
      await backend.scanNow('shop');
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
      const scan = await backend.scanNow('elsewhere');
      expect(scan.state).toBe('failed');
      const body = await report('elsewhere');
      expect(body.status).toBe('failed');
      expect(body.error).toMatch(/registry\.example\.invalid/);
      expect(body.error).toMatch(/imageHealth\.registries/);
    });

    it('never reads a local image archive named in an annotation', async () => {
      const scan = await backend.scanNow('local-archive');
      expect(scan.state).toBe('failed');
      const body = await report('local-archive');
      expect(body.images).toEqual([]);
      expect(body.error).toMatch(/local source/);
    });
  },
);
