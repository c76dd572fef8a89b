import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';

const BATCH = 500;

/**
 * Which entities a caller may read, asked of the catalog with the caller's
 * own credentials so the catalog's permission policy decides. The scorecard
 * asks about many entities at once, so answers are remembered briefly per
 * principal.
 */
export class EntityVisibility {
  private readonly cache = new Map<
    string,
    { expiresAt: number; visible: Map<string, boolean> }
  >();

  constructor(
    private readonly catalog: CatalogService,
    private readonly ttlMs = 30_000,
  ) {}

  async canRead(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    const entity = await this.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    return entity !== undefined;
  }

  /** The subset of `entityRefs` the caller may read. */
  async filterReadable(
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    const key = principalKey(credentials);
    const now = Date.now();
    let entry = this.cache.get(key);
    if (!entry || entry.expiresAt < now) {
      entry = { expiresAt: now + this.ttlMs, visible: new Map() };
      this.cache.set(key, entry);
      this.evictExpired(now);
    }
    const unknown = entityRefs.filter(ref => !entry!.visible.has(ref));
    for (let i = 0; i < unknown.length; i += BATCH) {
      const chunk = unknown.slice(i, i + BATCH);
      const { items } = await this.catalog.getEntitiesByRefs(
        { entityRefs: chunk, fields: ['kind', 'metadata.name'] },
        { credentials },
      );
      chunk.forEach((ref, index) =>
        entry!.visible.set(ref, Boolean(items[index])),
      );
    }
    return new Set(entityRefs.filter(ref => entry!.visible.get(ref)));
  }

  private evictExpired(now: number) {
    for (const [key, value] of this.cache) {
      if (value.expiresAt < now) this.cache.delete(key);
    }
  }
}

function principalKey(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
    subject?: string;
  };
  return `${principal.type}:${
    principal.userEntityRef ?? principal.subject ?? 'none'
  }`;
}
