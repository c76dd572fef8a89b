import http from 'node:http';
import { AddressInfo } from 'node:net';
import { TestDatabases } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DockerfileServer } from './__testUtils__/DockerfileServer';
import {
  componentAt,
  ImageHealthTestBackend,
} from './__testUtils__/testBackend';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const files = new DockerfileServer();

/**
 * A "registry" a hostile image owner controls: it answers /v2/ and then,
 * while `tarpit` is on, accepts every manifest request and never answers.
 */
let tarpit = false;
const held: http.ServerResponse[] = [];
const registry = http.createServer((req, res) => {
  if (req.url === '/v2/' || !tarpit) {
    res.writeHead(req.url === '/v2/' ? 200 : 404).end('{}');
    return;
  }
  held.push(res);
});

beforeAll(async () => {
  await files.start();
  await new Promise<void>(resolve => registry.listen(0, '127.0.0.1', resolve));
  files.set('/repos/slow/Dockerfile', 'FROM debian:bookworm-slim\nUSER 1000\n');
});
afterAll(async () => {
  for (const res of held) res.destroy();
  registry.closeAllConnections();
  await new Promise(resolve => registry.close(resolve));
  await files.stop();
});

it('stops a scan at its deadline and keeps the last good report', async () => {
  const host = `127.0.0.1:${(registry.address() as AddressInfo).port}`;
  const backend = await ImageHealthTestBackend.start({
    knex: await databases.init('SQLITE_3'),
    files,
    imageHealth: {
      registries: [{ host, insecure: true }],
      scanDeadline: { seconds: 2 },
    },
    catalog: catalogServiceMock.factory({
      entities: [
        componentAt(files, 'slow', {
          source: '/repos/slow/',
          owner: 'team-a',
          annotations: {
            'image-health/dockerfile': 'Dockerfile',
            'image-health/image': `${host}/acme/slow:1`,
          },
        }),
      ],
    }),
  });

  // The registry answers (404): a partial report with the Dockerfile's findings.
  expect((await backend.scanNow('slow')).state).toBe('succeeded');
  const good = (await backend.getReport('slow')).body;
  expect(good.dockerfiles).toHaveLength(1);

  tarpit = true;
  const started = Date.now();
  const stopped = await backend.scanNow('slow');
  expect(stopped.state).toBe('failed');
  expect(stopped.error).toMatch(
    /did not finish within its deadline of 2 s \(imageHealth\.scanDeadline\)/,
  );
  // The registry client's own timeout (30 s) was not what ended it.
  expect(Date.now() - started).toBeLessThan(20_000);
  const kept = (await backend.getReport('slow')).body;
  expect(kept.scannedAt).toBe(good.scannedAt);
  expect(kept.dockerfiles).toEqual(good.dockerfiles);
  expect(kept.error).toMatch(/deadline/);
});
