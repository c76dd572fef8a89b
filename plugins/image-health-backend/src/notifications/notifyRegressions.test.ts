import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  Entity,
  RELATION_HAS_MEMBER,
  RELATION_MEMBER_OF,
  RELATION_OWNED_BY,
} from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { JsonObject } from '@backstage/types';
import request from 'supertest';
import { databasePerPlugin } from '../__testUtils__/databasePerPlugin';
import { DockerfileServer } from '../__testUtils__/DockerfileServer';
import { exampleDockerfile } from '../__testUtils__/examples';
import { componentAt } from '../__testUtils__/testBackend';
import { imageHealthPlugin } from '../plugin';

jest.setTimeout(120_000);

const ALICE = 'user:default/alice';
/** Grade A, no error findings. */
const CLEAN = exampleDockerfile('go-multi-stage');
/** Grade C with an error finding (an apt cleanup in a later layer frees nothing). */
const REGRESSED = exampleDockerfile('apt-layer-pile');

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const files = new DockerfileServer();
beforeAll(() => files.start());
afterAll(() => files.stop());

/** team-a owns every component and has alice as its only member. */
function catalog(components: string[]): Entity[] {
  return [
    ...components.map(name => ({
      ...componentAt(files, name, {
        source: `/repos/${name}/`,
        owner: 'team-a',
      }),
      relations: [
        { type: RELATION_OWNED_BY, targetRef: 'group:default/team-a' },
      ],
    })),
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'team-a' },
      spec: { type: 'team', children: [] },
      relations: [{ type: RELATION_HAS_MEMBER, targetRef: ALICE }],
    },
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: { name: 'alice' },
      spec: {},
      relations: [
        { type: RELATION_MEMBER_OF, targetRef: 'group:default/team-a' },
      ],
    },
  ];
}

describe.each(databases.eachSupportedId())(
  'regression notifications on %s',
  databaseId => {
    async function start(notifications: JsonObject, components: string[]) {
      const backend = await startTestBackend({
        features: [
          imageHealthPlugin,
          notificationsPlugin,
          databasePerPlugin(databases, databaseId),
          catalogServiceMock.factory({ entities: catalog(components) }),
          mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
          // Scheduled work (scan planning, notification cleanup) stays out of the way.
          mockServices.scheduler.mock({
            createScheduledTaskRunner: () => ({ run: async () => {} }),
          }).factory,
          mockServices.rootConfig.factory({
            data: {
              app: { baseUrl: 'http://localhost:3000' },
              backend: { reading: { allow: [{ host: files.host }] } },
              imageHealth: { notifications },
            },
          }),
        ],
      });
      const app = backend.server;
      return {
        async scan(name: string) {
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
        },
        /**
         * What alice's notifications page lists once it has `count`: the
         * notification is sent just after the scan is marked done.
         */
        async notificationsOfAlice(count: number) {
          const deadline = Date.now() + 20_000;
          for (;;) {
            const res = await request(app)
              .get('/api/notifications/notifications')
              .set('authorization', mockCredentials.user.header(ALICE));
            expect(res.status).toBe(200);
            const listed: Array<{
              payload: {
                title: string;
                description: string;
                link: string;
                severity: string;
              };
            }> = res.body.notifications;
            if (listed.length >= count || Date.now() > deadline) {
              return listed;
            }
            await new Promise(resolve => setTimeout(resolve, 100));
          }
        },
      };
    }

    it('notifies the owner once when a scan lowers the grade and adds an error finding, never on the first scan', async () => {
      const name = `regressing-${databaseId.toLowerCase()}`;
      files.set(`/repos/${name}/Dockerfile`, CLEAN);
      const backend = await start({ enabled: true }, [name]);
      await backend.scan(name);
      files.set(`/repos/${name}/Dockerfile`, REGRESSED);
      await backend.scan(name);

      const notifications = await backend.notificationsOfAlice(1);
      expect(notifications).toHaveLength(1);
      expect(notifications[0].payload).toMatchObject({
        title: `Image Health of ${name} regressed`,
        link: `/catalog/default/component/${name}/image-health`,
        severity: 'high',
      });
      expect(notifications[0].payload.description).toMatch(
        /^Grade A → C \(score \d+ → \d+\)\. 1 new error finding \(0 → 1\): /,
      );
    });

    it('sends nothing when a scan improves the entity', async () => {
      const name = `improving-${databaseId.toLowerCase()}`;
      files.set(`/repos/${name}/Dockerfile`, REGRESSED);
      const backend = await start({ enabled: true }, [name]);
      await backend.scan(name);
      files.set(`/repos/${name}/Dockerfile`, CLEAN);
      await backend.scan(name);
      // The regression after it is the only notification.
      files.set(`/repos/${name}/Dockerfile`, REGRESSED);
      await backend.scan(name);

      const notifications = await backend.notificationsOfAlice(1);
      expect(notifications.map(n => n.payload.description)).toEqual([
        expect.stringMatching(/^Grade A → C /),
      ]);
    });

    it('notifies only the configured events, from the configured grade drop', async () => {
      const name = `configured-${databaseId.toLowerCase()}`;
      files.set(`/repos/${name}/Dockerfile`, CLEAN);
      const backend = await start(
        { enabled: true, events: ['grade-drop'], minGradeDrop: 3 },
        [name],
      );
      await backend.scan(name);
      // A → C with a new error finding: two grades, and errors are not asked for.
      files.set(`/repos/${name}/Dockerfile`, REGRESSED);
      await backend.scan(name);
      files.set(`/repos/${name}/Dockerfile`, CLEAN);
      await backend.scan(name);
      // A → D or worse: three grades or more.
      files.set(
        `/repos/${name}/Dockerfile`,
        exampleDockerfile('go-single-stage'),
      );
      await backend.scan(name);

      const notifications = await backend.notificationsOfAlice(1);
      expect(notifications.map(n => n.payload)).toEqual([
        expect.objectContaining({
          description: expect.stringMatching(
            /^Grade A → [DEF] \(score \d+ → \d+\)\.$/,
          ),
          severity: 'normal',
        }),
      ]);
    });
  },
);
