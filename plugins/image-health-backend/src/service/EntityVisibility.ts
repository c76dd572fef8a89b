import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { HiddenSet, hiddenSetOf } from '../database/hiddenSets';

const BATCH = 500;
/**
 * Reports committed a little after the time they carry (clock skew between
 * instances, transaction time) are still found by the incremental lookup.
 */
const SINCE_MARGIN_MS = 5 * 60 * 1000;

interface PrincipalVisibility {
  expiresAt: number;
  /** Reports written since this time are not known yet. */
  knownUntil: Date;
  readable: Map<string, boolean>;
  /** The unreadable entities as a set, made again only when answers change. */
  hidden?: HiddenSet;
}

/**
 * Which entities a caller may read, asked of the catalog with the caller's
 * own credentials so the catalog's permission policy decides. The scorecard
 * covers every scanned entity, so answers are remembered per principal for
 * a short while and only entities scanned since are asked about again.
 */
export class EntityVisibility {
  private readonly cache = new Map<string, PrincipalVisibility>();

  constructor(
    private readonly catalog: CatalogService,
    private readonly ttlMs = 60_000,
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

  /**
   * The scanned entities the caller may not read. `scannedRefs(since)` lists
   * entities with a report, only those written since `since` when given.
   */
  async unreadable(
    credentials: BackstageCredentials,
    scannedRefs: (since?: Date) => Promise<string[]>,
  ): Promise<HiddenSet> {
    const key = principalKey(credentials);
    const now = Date.now();
    let entry = this.cache.get(key);
    const lookupTime = new Date(now - SINCE_MARGIN_MS);
    let refs: string[];
    if (!entry || entry.expiresAt < now) {
      this.evictExpired(now);
      refs = await scannedRefs();
      entry = {
        expiresAt: now + this.ttlMs,
        knownUntil: lookupTime,
        readable: new Map(),
      };
      this.cache.set(key, entry);
    } else {
      refs = await scannedRefs(entry.knownUntil);
      entry.knownUntil = lookupTime;
    }
    const unknown = refs.filter(ref => !entry!.readable.has(ref));
    for (let i = 0; i < unknown.length; i += BATCH) {
      const chunk = unknown.slice(i, i + BATCH);
      const { items } = await this.catalog.getEntitiesByRefs(
        { entityRefs: chunk, fields: ['kind', 'metadata.name'] },
        { credentials },
      );
      chunk.forEach((ref, index) =>
        entry!.readable.set(ref, Boolean(items[index])),
      );
    }
    if (!entry.hidden || unknown.length > 0) {
      entry.hidden = hiddenSetOf(
        [...entry.readable.entries()]
          .filter(([, ok]) => !ok)
          .map(([ref]) => ref),
      );
    }
    return entry.hidden;
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
