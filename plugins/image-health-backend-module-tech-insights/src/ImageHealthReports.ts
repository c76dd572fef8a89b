import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type {
  Report,
  ScorecardResponse,
  ScorecardRow,
} from '@image-health/plugin-image-health-common';

/** The largest page the scorecard route serves. */
const PAGE_SIZE = 500;

/**
 * Reads Image Health's stored reports through its HTTP API, as this backend
 * itself (service credentials), the way one plugin reads another's data.
 */
export class ImageHealthReports {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly auth: AuthService,
  ) {}

  /** Every scanned entity's scorecard row, in pages, ordered by entity ref. */
  async *scanned(): AsyncGenerator<ScorecardRow[]> {
    for (let offset = 0; ; offset += PAGE_SIZE) {
      const page: ScorecardResponse = await this.get(
        `/v1/scorecard?sort=entityRef&order=asc&offset=${offset}&limit=${PAGE_SIZE}`,
      );
      if (page.rows.length > 0) yield page.rows;
      if (page.rows.length < PAGE_SIZE) return;
    }
  }

  /** The latest report of an entity; undefined when it has none (any more). */
  async report(entityRef: string): Promise<Report | undefined> {
    const { kind, namespace, name } = parseEntityRef(entityRef);
    try {
      return await this.get(
        `/v1/entities/${[kind, namespace, name]
          .map(encodeURIComponent)
          .join('/')}`,
      );
    } catch (error) {
      if (error instanceof ResponseError && error.response.status === 404) {
        return undefined;
      }
      throw error;
    }
  }

  private async get<T>(path: string): Promise<T> {
    const baseUrl = await this.discovery.getBaseUrl('image-health');
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf: await this.auth.getOwnServiceCredentials(),
      targetPluginId: 'image-health',
    });
    const response = await fetch(`${baseUrl}${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as T;
  }
}
