import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { BackendFeature } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Report, ScanStatus } from '@image-health/plugin-image-health-common';
import { JsonObject } from '@backstage/types';
import { Knex } from 'knex';
import request from 'supertest';
import { imageHealthPlugin } from '../plugin';
import { DockerfileServer } from './DockerfileServer';
import { searchingReaderFor } from './searchingReader';
import { expectToMatchOpenApi } from './openApi';

/** Throws, with what the API said, unless `call` answered `status`. */
function expectStatus(
  call: string,
  res: { status: number; body: unknown },
  status: number,
): void {
  if (res.status !== status) {
    throw new Error(
      `${call} answered ${res.status}, expected ${status}: ${JSON.stringify(
        res.body,
      )}`,
    );
  }
}

/** A catalog component whose source lives on the test's Dockerfile server. */
export function componentAt(
  files: DockerfileServer,
  name: string,
  options: {
    source: string;
    owner: string;
    title?: string;
    annotations?: Record<string, string>;
  },
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      ...(options.title ? { title: options.title } : {}),
      annotations: {
        'backstage.io/source-location': `url:${files.url(options.source)}`,
        ...options.annotations,
      },
    },
    spec: { type: 'service', lifecycle: 'production', owner: options.owner },
  };
}

export interface TestBackendOptions {
  knex: Knex;
  /** Dockerfiles are read from here; the UrlReader is allowed its host. */
  files: DockerfileServer;
  /** The `imageHealth` block of app-config. */
  imageHealth?: JsonObject;
  /** The catalog service the plugin reads entities from. */
  catalog: BackendFeature;
  /** The permission service; allows everything when absent. */
  permissions?: BackendFeature;
  /** Read `files` through a reader that can search, as a Git host's integration does. */
  searchable?: boolean;
}

/**
 * The image-health plugin in a real test backend on a real database, with
 * the API calls the tests repeat: scan now and wait, read a report.
 */
export class ImageHealthTestBackend {
  private constructor(
    /** The HTTP server, for requests of the test's own. */
    readonly app: any,
    /** The scheduler the plugin registered its planning task with. */
    readonly scheduler: ReturnType<typeof mockServices.scheduler.mock>,
  ) {}

  static async start(
    options: TestBackendOptions,
  ): Promise<ImageHealthTestBackend> {
    const scheduler = mockServices.scheduler.mock();
    const backend = await startTestBackend({
      features: [
        imageHealthPlugin,
        mockServices.database.factory({ knex: options.knex }),
        mockServices.rootConfig.factory({
          data: {
            backend: { reading: { allow: [{ host: options.files.host }] } },
            imageHealth: options.imageHealth ?? {},
          },
        }),
        options.catalog,
        options.permissions ??
          mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        scheduler.factory,
        ...(options.searchable ? [searchingReaderFor(options.files)] : []),
      ],
    });
    return new ImageHealthTestBackend(backend.server, scheduler);
  }

  /** Queues a scan of a default-namespace component and waits for its end. */
  async scanNow(name: string): Promise<ScanStatus> {
    const path = `/api/image-health/v1/entities/component/default/${name}/scan`;
    const res = await request(this.app).post(path);
    expectStatus(`POST ${path}`, res, 202);
    expectToMatchOpenApi(
      'post',
      '/v1/entities/{kind}/{namespace}/{name}/scan',
      202,
      res.body,
    );
    return this.waitForScan(res.body.id);
  }

  private async waitForScan(id: string): Promise<ScanStatus> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const path = `/api/image-health/v1/scans/${id}`;
      const res = await request(this.app).get(path);
      expectStatus(`GET ${path}`, res, 200);
      expectToMatchOpenApi('get', '/v1/scans/{id}', 200, res.body);
      if (res.body.state === 'succeeded' || res.body.state === 'failed') {
        return res.body;
      }
      if (Date.now() > deadline) throw new Error(`scan ${id} did not finish`);
      await new Promise(resolve => setTimeout(resolve, 50));
    }
  }

  /** The report of a default-namespace component, as `as` (a user ref) sees it. */
  async getReport(
    name: string,
    as?: string,
  ): Promise<{ status: number; body: Report & { error?: any } }> {
    const req = request(this.app).get(
      `/api/image-health/v1/entities/component/default/${name}`,
    );
    if (as) req.set('authorization', mockCredentials.user.header(as));
    const res = await req;
    expectToMatchOpenApi(
      'get',
      '/v1/entities/{kind}/{namespace}/{name}',
      res.status,
      res.body,
    );
    return res;
  }
}
