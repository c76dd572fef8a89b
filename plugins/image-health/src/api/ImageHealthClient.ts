import type { CompoundEntityRef } from '@backstage/catalog-model';
import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  HistoryResponse,
  Report,
  ReportComparison,
  RuleInfo,
  ScanStatus,
  ScorecardResponse,
} from '@image-health/plugin-image-health-common';
import createClient, { type Middleware } from 'openapi-fetch';
import type { ImageHealthApi, ScorecardQuery } from './ImageHealthApi';
import type { paths } from './openapi.generated';

/** Any answer but a success becomes Backstage's ResponseError, with the backend's reason. */
const throwResponseErrors: Middleware = {
  async onResponse({ response }) {
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return undefined;
  },
};

/**
 * Talks to the `image-health` backend plugin over its `/v1` HTTP API, through
 * the client generated from the backend's openapi.yaml (`yarn openapi:generate`):
 * paths, parameters and answers are checked against the spec at compile time.
 */
export class ImageHealthClient implements ImageHealthApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getReport(entity: CompoundEntityRef): Promise<Report | undefined> {
    const api = await this.api();
    return undefinedWhenNotFound(async () =>
      bodyOf(
        await api.request('get', '/v1/entities/{kind}/{namespace}/{name}', {
          params: { path: entityPath(entity) },
        }),
      ),
    );
  }

  async getHistory(
    entity: CompoundEntityRef,
    options?: { limit?: number },
  ): Promise<HistoryResponse> {
    const api = await this.api();
    return bodyOf(
      await api.request(
        'get',
        '/v1/entities/{kind}/{namespace}/{name}/history',
        {
          params: {
            path: entityPath(entity),
            query: options?.limit ? { limit: options.limit } : {},
          },
        },
      ),
    );
  }

  async getChanges(
    entity: CompoundEntityRef,
    options?: { from?: string; to?: string },
  ): Promise<ReportComparison | undefined> {
    const api = await this.api();
    return undefinedWhenNotFound(async () =>
      bodyOf(
        await api.request(
          'get',
          '/v1/entities/{kind}/{namespace}/{name}/changes',
          {
            params: {
              path: entityPath(entity),
              query: withoutEmpty({ from: options?.from, to: options?.to }),
            },
          },
        ),
      ),
    );
  }

  async requestScan(entity: CompoundEntityRef): Promise<ScanStatus> {
    const api = await this.api();
    return bodyOf(
      await api.request('post', '/v1/entities/{kind}/{namespace}/{name}/scan', {
        params: { path: entityPath(entity) },
      }),
    );
  }

  async getScan(id: string): Promise<ScanStatus> {
    const api = await this.api();
    return bodyOf(
      await api.request('get', '/v1/scans/{id}', { params: { path: { id } } }),
    );
  }

  async getScorecard(query: ScorecardQuery): Promise<ScorecardResponse> {
    const api = await this.api();
    return bodyOf(
      await api.request('get', '/v1/scorecard', {
        params: { query: withoutEmpty(query) },
      }),
    );
  }

  async getRules(): Promise<RuleInfo[]> {
    const api = await this.api();
    return bodyOf(await api.request('get', '/v1/rules'));
  }

  private async api() {
    const api = createClient<paths>({
      baseUrl: await this.discoveryApi.getBaseUrl('image-health'),
      fetch: request => this.fetchApi.fetch(request),
    });
    api.use(throwResponseErrors);
    return api;
  }
}

/** The parsed body of a success (failures were thrown by throwResponseErrors). */
function bodyOf<T>(result: { data?: T; response: Response }): T {
  if (result.data === undefined) {
    throw new Error(
      `image-health answered ${result.response.status} without a body`,
    );
  }
  return result.data;
}

async function undefinedWhenNotFound<T>(
  call: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ResponseError && error.statusCode === 404) {
      return undefined;
    }
    throw error;
  }
}

/** Leaves out parameters a form left empty: the backend rejects `?owner=`. */
function withoutEmpty<T extends object>(query: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(query).filter(([, v]) => v !== undefined && v !== ''),
  ) as Partial<T>;
}

function entityPath(entity: CompoundEntityRef) {
  // Kinds are case-insensitive and written in lower case in URLs, as the
  // catalog's own routes do; namespace and name are passed as the entity has them.
  return {
    kind: entity.kind.toLocaleLowerCase('en-US'),
    namespace: entity.namespace,
    name: entity.name,
  };
}
