import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  AuthService,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import catalogBackend from '@backstage/plugin-catalog-backend';
import permissionBackend from '@backstage/plugin-permission-backend';
import imageHealthBackend from '@image-health/plugin-image-health-backend';
import fs from 'fs';
import os from 'os';
import path from 'path';
import request from 'supertest';
import { imageHealthExamplePolicyModule } from './permissionPolicy';

jest.setTimeout(120_000);

const SCAN = '/api/image-health/v1/entities/component/default/payments/scan';

/**
 * The mock auth service, except that a plugin's request on behalf of a user
 * keeps the plugin as the user's actor, as real Backstage tokens do (the mock
 * drops it). The permission backend needs it: it refuses resource permissions
 * without a resourceRef from users directly, but answers plugins asking for
 * them, as the catalog does when a user lists entities.
 */
const onBehalfOfAuth = createServiceFactory({
  service: coreServices.auth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }) {
    const inner = mockServices.auth({ pluginId: plugin.getId() });
    const oboPrefix = `${mockCredentials.service.token()}:`;
    return Object.assign(Object.create(inner), {
      async authenticate(token: string, options?: any) {
        const credentials = await inner.authenticate(token, options);
        if (
          inner.isPrincipal(credentials, 'user') &&
          token.startsWith(oboPrefix)
        ) {
          return mockCredentials.user(credentials.principal.userEntityRef, {
            actor: { subject: 'plugin' },
          });
        }
        return credentials;
      },
    }) as AuthService;
  },
});

/**
 * The real permission framework: the permission backend with the example
 * policy, the catalog evaluating `isEntityOwner` on its own copy of the
 * entity, and Image Health asking through the permissions service.
 */
describe('the example backend permission policy', () => {
  let app: any;
  let dir: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ih-policy-'));
    const entities = path.join(dir, 'catalog-info.yaml');
    fs.writeFileSync(
      entities,
      [
        'apiVersion: backstage.io/v1alpha1',
        'kind: Component',
        'metadata:',
        '  name: payments',
        '  annotations:',
        '    image-health/image: registry.example.invalid/payments:1.0',
        'spec:',
        '  type: service',
        '  lifecycle: production',
        '  owner: group:default/payments-team',
        '',
      ].join('\n'),
    );
    const backend = await startTestBackend({
      features: [
        catalogBackend,
        permissionBackend,
        imageHealthExamplePolicyModule,
        imageHealthBackend,
        permissionsServiceFactory,
        onBehalfOfAuth,
        // Backstage's own request authentication, over the auth service above.
        httpAuthServiceFactory,
        // Alice is in the team that owns payments; Bob is not.
        mockServices.userInfo.mock({
          getUserInfo: async credentials => {
            const ref = (credentials.principal as { userEntityRef: string })
              .userEntityRef;
            return {
              userEntityRef: ref,
              ownershipEntityRefs:
                ref === 'user:default/alice'
                  ? [ref, 'group:default/payments-team']
                  : [ref],
            };
          },
        }).factory,
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            catalog: {
              rules: [{ allow: ['Component'] }],
              locations: [{ type: 'file', target: entities }],
            },
            imageHealth: { schedule: { initialDelay: { hours: 1 } } },
          },
        }),
      ],
    });
    app = backend.server;

    // The catalog ingests the location in the background.
    const deadline = Date.now() + 30_000;
    for (;;) {
      const res = await request(app)
        .get('/api/catalog/entities/by-name/component/default/payments')
        .set('authorization', mockCredentials.user.header('user:default/bob'));
      if (res.status === 200 && res.body.relations?.length) break;
      if (Date.now() > deadline)
        throw new Error(
          `catalog never ingested: ${res.status} ${JSON.stringify(res.body)}`,
        );
      await new Promise(resolve => setTimeout(resolve, 200));
    }
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lets a member of the owning group rescan the entity', async () => {
    const res = await request(app)
      .post(SCAN)
      .set('authorization', mockCredentials.user.header('user:default/alice'));
    expect(res.status).toBe(202);
    expect(res.body.entityRef).toBe('component:default/payments');
  });

  it('refuses a user who does not own the entity with 403, though they can read it', async () => {
    const res = await request(app)
      .post(SCAN)
      .set('authorization', mockCredentials.user.header('user:default/bob'));
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/image-health\.scan\.create/);
  });
});
