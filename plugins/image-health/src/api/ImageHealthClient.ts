import type { CompoundEntityRef } from '@backstage/catalog-model';
import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  HistoryResponse,
  Report,
  RuleInfo,
  ScanStatus,
  ScorecardResponse,
} from '@image-health/plugin-image-health-common';
import type { ImageHealthApi, ScorecardQuery } from './ImageHealthApi';

/** Talks to the `image-health` backend plugin over its `/v1` HTTP API. */
export class ImageHealthClient implements ImageHealthApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getReport(entity: CompoundEntityRef): Promise<Report | undefined> {
    const response = await this.request(entityPath(entity));
    if (response.status === 404) {
      return undefined;
    }
    return this.json(response);
  }

  async getHistory(
    entity: CompoundEntityRef,
    options?: { limit?: number },
  ): Promise<HistoryResponse> {
    const query = options?.limit ? `?limit=${options.limit}` : '';
    return this.json(
      await this.request(`${entityPath(entity)}/history${query}`),
    );
  }

  async requestScan(entity: CompoundEntityRef): Promise<ScanStatus> {
    return this.json(
      await this.request(`${entityPath(entity)}/scan`, { method: 'POST' }),
    );
  }

  async getScan(id: string): Promise<ScanStatus> {
    return this.json(await this.request(`/v1/scans/${encodeURIComponent(id)}`));
  }

  async getScorecard(query: ScorecardQuery): Promise<ScorecardResponse> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') {
        params.set(key, String(value));
      }
    }
    const search = params.toString();
    return this.json(
      await this.request(`/v1/scorecard${search ? `?${search}` : ''}`),
    );
  }

  async getRules(): Promise<RuleInfo[]> {
    return this.json(await this.request('/v1/rules'));
  }

  private async request(path: string, init?: RequestInit): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl('image-health');
    return this.fetchApi.fetch(`${baseUrl}${path}`, init);
  }

  private async json<T>(response: Response): Promise<T> {
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}

function entityPath(entity: CompoundEntityRef): string {
  // Kinds are case-insensitive and written in lower case in URLs, as the
  // catalog's own routes do; namespace and name are passed as the entity has them.
  const parts = [
    entity.kind.toLocaleLowerCase('en-US'),
    entity.namespace,
    entity.name,
  ].map(encodeURIComponent);
  return `/v1/entities/${parts.join('/')}`;
}
