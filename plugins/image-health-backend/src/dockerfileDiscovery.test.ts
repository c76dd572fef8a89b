import { TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { computeScore } from '@image-health/plugin-image-health-common';
import { JsonObject } from '@backstage/types';
import { Knex } from 'knex';
import { DockerfileServer } from './__testUtils__/DockerfileServer';
import { exampleDockerfile } from './__testUtils__/examples';
import {
  componentAt,
  ImageHealthTestBackend,
} from './__testUtils__/testBackend';

jest.setTimeout(60_000);

const GO_MULTI_STAGE = exampleDockerfile('go-multi-stage');
const NODE_NAIVE = exampleDockerfile('node-naive');
const PYTHON_MULTI_STAGE = exampleDockerfile('python-multi-stage');

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const files = new DockerfileServer();
beforeAll(() => files.start());
afterAll(() => files.stop());

/** A component of the `/repos/shop/` monorepo, without a Dockerfile annotation. */
function service(name: string): Entity {
  return componentAt(files, name, {
    source: `/repos/shop/services/${name}/`,
    owner: 'team-shop',
  });
}

/** The shop monorepo: two services, the api's Dockerfiles in several places, and trees that are never built. */
function writeMonorepo(): void {
  files.set('/repos/shop/Dockerfile', PYTHON_MULTI_STAGE);
  files.set('/repos/shop/services/api/Dockerfile', GO_MULTI_STAGE);
  files.set('/repos/shop/services/api/.dockerignore', '.git\n');
  files.set('/repos/shop/services/api/docker/Dockerfile.debug', NODE_NAIVE);
  files.set('/repos/shop/services/api/docker/README.md', '# how to debug\n');
  files.set(
    '/repos/shop/services/api/node_modules/left-pad/Dockerfile',
    NODE_NAIVE,
  );
  files.set('/repos/shop/services/api/testdata/Dockerfile', NODE_NAIVE);
  files.set('/repos/shop/services/web/app.Dockerfile', PYTHON_MULTI_STAGE);
}

describe.each(databases.eachSupportedId())(
  'Dockerfile discovery on %s',
  databaseId => {
    let knex: Knex;
    beforeEach(async () => {
      // A database of its own per test: no report of another test to reuse.
      knex = await databases.init(databaseId);
      writeMonorepo();
    });

    async function start(
      options: { searchable: boolean; imageHealth?: JsonObject },
      entities: Entity[],
    ) {
      return ImageHealthTestBackend.start({
        knex,
        files,
        searchable: options.searchable,
        imageHealth: options.imageHealth,
        catalog: catalogServiceMock.factory({ entities }),
      });
    }

    it("scans each Dockerfile of a monorepo component's subtree as its own section, scored by the worst", async () => {
      const backend = await start({ searchable: true }, [
        service('api'),
        service('web'),
      ]);
      await backend.scanNow('api');
      const api = (await backend.getReport('api')).body;
      expect(api.status).toBe('ok');
      // Nearest the root first; vendored and test trees, the README and
      // the other service's and the repository root's Dockerfiles are not the api's.
      expect(api.dockerfiles.map(d => d.location)).toEqual([
        'Dockerfile',
        'docker/Dockerfile.debug',
      ]);
      expect(api.discovery).toEqual({ method: 'search', found: 2 });
      const [goBuild, nodeBuild] = api.dockerfiles;
      expect(goBuild.content).toBe(GO_MULTI_STAGE);
      expect(nodeBuild.content).toBe(NODE_NAIVE);
      // The naive Node build is the weaker: the entity takes its score.
      const nodeAlone = computeScore({ dockerfiles: [nodeBuild], images: [] });
      const goAlone = computeScore({ dockerfiles: [goBuild], images: [] });
      expect(nodeAlone.value!).toBeLessThan(goAlone.value!);
      expect(api.score).toEqual(nodeAlone);

      // The debug Dockerfile in docker/ is built from the service's root: the
      // service's .dockerignore is its own, and without it `COPY . .` is flagged.
      const ruleIds = (d: { findings: Array<{ ruleId: string }> }) =>
        d.findings.map(f => f.ruleId);
      expect(ruleIds(nodeBuild)).not.toContain('dockerignore-missing');
      files.delete('/repos/shop/services/api/.dockerignore');
      await backend.scanNow('api');
      const withoutIgnore = (await backend.getReport('api')).body;
      expect(ruleIds(withoutIgnore.dockerfiles[1])).toContain(
        'dockerignore-missing',
      );

      await backend.scanNow('web');
      const web = (await backend.getReport('web')).body;
      expect(web.dockerfiles.map(d => d.location)).toEqual(['app.Dockerfile']);
    });

    it('costs one request when the repository is unchanged, and rescans what changed', async () => {
      const backend = await start({ searchable: true }, [service('api')]);
      await backend.scanNow('api');
      const first = (await backend.getReport('api')).body;

      files.requests.length = 0;
      files.notModifiedAnswers.length = 0;
      const again = await backend.scanNow('api');
      expect(again.state).toBe('succeeded');
      expect(files.requests).toHaveLength(1);
      expect(files.notModifiedAnswers).toHaveLength(1);
      const unchanged = (await backend.getReport('api')).body;
      expect(unchanged.scannedAt).toBe(first.scannedAt);
      expect(unchanged.dockerfiles).toEqual(first.dockerfiles);

      // A commit elsewhere in the repository: searched again, nothing re-analysed.
      files.set('/repos/shop/services/web/app.Dockerfile', GO_MULTI_STAGE);
      await backend.scanNow('api');
      expect((await backend.getReport('api')).body.scannedAt).toBe(
        first.scannedAt,
      );

      // The debug Dockerfile is fixed: only the api's own change shows.
      files.set(
        '/repos/shop/services/api/docker/Dockerfile.debug',
        GO_MULTI_STAGE,
      );
      await backend.scanNow('api');
      const changed = (await backend.getReport('api')).body;
      expect(changed.scannedAt).not.toBe(first.scannedAt);
      expect(changed.dockerfiles[1].content).toBe(GO_MULTI_STAGE);
      expect(changed.score.value!).toBeGreaterThan(first.score.value!);
    });

    it('says when the limits cut the list of Dockerfiles', async () => {
      files.set('/repos/shop/services/api/a/b/c/Dockerfile', NODE_NAIVE);
      const backend = await start(
        {
          searchable: true,
          imageHealth: {
            dockerfiles: { search: { maxFiles: 1, maxDepth: 2 } },
          },
        },
        [service('api')],
      );
      await backend.scanNow('api');
      const api = (await backend.getReport('api')).body;
      expect(api.dockerfiles.map(d => d.location)).toEqual(['Dockerfile']);
      expect(api.discovery).toEqual({
        method: 'search',
        found: 2,
        message:
          'Found 2 Dockerfiles and scanned the 1 nearest the source root (imageHealth.dockerfiles.search.maxFiles); 1 Dockerfile deeper than 2 directories was not scanned (imageHealth.dockerfiles.search.maxDepth).',
      });
      files.delete('/repos/shop/services/api/a/b/c/Dockerfile');
    });

    it('scans the root Dockerfile and says so when the source cannot be searched', async () => {
      const backend = await start({ searchable: false }, [service('api')]);
      await backend.scanNow('api');
      const api = (await backend.getReport('api')).body;
      expect(api.dockerfiles.map(d => d.location)).toEqual(['Dockerfile']);
      expect(api.dockerfiles[0].content).toBe(GO_MULTI_STAGE);
      expect(api.discovery?.method).toBe('root');
      expect(api.discovery?.message).toContain(
        `${files.url(
          '/repos/shop/services/api/',
        )} could not be searched for Dockerfiles`,
      );
    });

    it('reports nothing for a component whose subtree has no Dockerfile', async () => {
      files.delete('/repos/shop/services/web/app.Dockerfile');
      const backend = await start({ searchable: true }, [service('web')]);
      const scan = await backend.scanNow('web');
      expect(scan.error).toContain(
        `no Dockerfile found under ${files.url('/repos/shop/services/web/')}`,
      );
      expect((await backend.getReport('web')).status).toBe(404);
    });
  },
);
