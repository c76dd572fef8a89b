import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  Grade,
  imageHealthScanCreatePermission,
  RuleInfo,
  ScorecardResponse,
} from '@image-health/plugin-image-health-common';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import {
  ImageHealthStore,
  SCORECARD_SORTS,
  ScorecardSort,
} from '../database/ImageHealthStore';
import { ScanQueue } from '../database/ScanQueue';
import { EntityVisibility } from './EntityVisibility';
import { ScanService } from './ScanService';
import { targetFromEntity } from './targets';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  store: ImageHealthStore;
  queue: ScanQueue;
  scans: ScanService;
  listRules: () => RuleInfo[];
}

const GRADES: Grade[] = ['A', 'B', 'C', 'D', 'E', 'F', 'N/A'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function queryString(req: Request, key: string): string | undefined {
  const value = req.query[key];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') {
    throw new InputError(
      `query parameter "${key}" must be given once, as text`,
    );
  }
  return value;
}

function queryInteger(
  req: Request,
  key: string,
  { min, max, fallback }: { min: number; max: number; fallback: number },
): number {
  const text = queryString(req, key);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    throw new InputError(
      `query parameter "${key}" must be a whole number from ${min} to ${max}, got "${text}"`,
    );
  }
  return value;
}

function queryChoice<T extends string>(
  req: Request,
  key: string,
  choices: readonly T[],
  fallback: T,
): T {
  const text = queryString(req, key);
  if (text === undefined) return fallback;
  if (!choices.includes(text as T)) {
    throw new InputError(
      `query parameter "${key}" must be one of ${choices.join(
        ', ',
      )}, got "${text}"`,
    );
  }
  return text as T;
}

function entityRefOf(req: Request): string {
  const { kind, namespace, name } = req.params;
  return stringifyEntityRef({ kind, namespace, name });
}

/** The HTTP API of DESIGN.md; thin: validates input, asks services, shapes answers. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, catalog, store, queue, scans } = options;
  const visibility = new EntityVisibility(catalog);
  const router = Router();
  router.use(express.json());

  /** The entity, if the caller may read it; otherwise a 404 that does not tell the two apart. */
  async function readableEntity(req: Request, entityRef: string) {
    const credentials = await httpAuth.credentials(req);
    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    if (!entity) {
      throw new NotFoundError(
        `${entityRef} is not in the catalog, or you are not allowed to see it`,
      );
    }
    return { entity, credentials };
  }

  router.get('/v1/entities/:kind/:namespace/:name', async (req, res) => {
    const entityRef = entityRefOf(req);
    await readableEntity(req, entityRef);
    const report = await store.getReport(entityRef);
    if (!report) {
      const last = await queue.latestFor(entityRef);
      if (last?.state === 'succeeded') {
        throw new NotFoundError(
          `${entityRef} has nothing to scan: the scan of ${last.finishedAt} found no Dockerfile at its source root; add an image-health/dockerfile or image-health/image annotation`,
        );
      }
      if (last?.state === 'queued' || last?.state === 'running') {
        throw new NotFoundError(
          `${entityRef} has not been scanned yet: its first scan is ${last.state}`,
        );
      }
      throw new NotFoundError(
        `${entityRef} has not been scanned yet: it is scanned on the next scheduled run if it has an image-health/dockerfile or image-health/image annotation (or a Dockerfile at its source root), or now with POST .../scan`,
      );
    }
    res.json(report);
  });

  router.get(
    '/v1/entities/:kind/:namespace/:name/history',
    async (req, res) => {
      const entityRef = entityRefOf(req);
      const limit = queryInteger(req, 'limit', {
        min: 1,
        max: 1000,
        fallback: 100,
      });
      await readableEntity(req, entityRef);
      res.json({ entityRef, items: await store.getHistory(entityRef, limit) });
    },
  );

  router.post('/v1/entities/:kind/:namespace/:name/scan', async (req, res) => {
    const entityRef = entityRefOf(req);
    const credentials = await httpAuth.credentials(req);
    const [decision] = await permissions.authorize(
      [{ permission: imageHealthScanCreatePermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `you need the ${imageHealthScanCreatePermission.name} permission to request a scan`,
      );
    }
    const { entity } = await readableEntity(req, entityRef);
    const target = targetFromEntity(entity);
    if (!target) {
      throw new InputError(
        `${entityRef} has nothing to scan: add an image-health/dockerfile or image-health/image annotation, or a backstage.io/source-location with a Dockerfile at its root`,
      );
    }
    res.status(202).json(await scans.requestScan(target));
  });

  router.get('/v1/scans/:id', async (req, res) => {
    const { id } = req.params;
    if (!UUID.test(id)) {
      throw new InputError(`"${id}" is not a scan id; scan ids are UUIDs`);
    }
    const scan = await queue.get(id);
    const credentials = await httpAuth.credentials(req);
    if (!scan || !(await visibility.canRead(scan.entityRef, credentials))) {
      throw new NotFoundError(`no scan ${id}`);
    }
    res.json(scan);
  });

  router.get('/v1/scorecard', async (req, res) => {
    const filter = {
      owner: queryString(req, 'owner'),
      kind: queryString(req, 'kind'),
      type: queryString(req, 'type'),
      lifecycle: queryString(req, 'lifecycle'),
      system: queryString(req, 'system'),
      grade: queryString(req, 'grade') as Grade | undefined,
      q: queryString(req, 'q'),
      sort: queryChoice(
        req,
        'sort',
        Object.keys(SCORECARD_SORTS) as ScorecardSort[],
        'score',
      ),
      order: queryChoice(req, 'order', ['asc', 'desc'] as const, 'asc'),
    };
    if (filter.grade && !GRADES.includes(filter.grade)) {
      throw new InputError(
        `query parameter "grade" must be one of ${GRADES.join(', ')}, got "${
          filter.grade
        }"`,
      );
    }
    // Owners and systems are stored as full refs; accept the short names users type.
    if (filter.owner && !filter.owner.includes(':')) {
      filter.owner = `group:${filter.owner.includes('/') ? '' : 'default/'}${
        filter.owner
      }`;
    }
    if (filter.system && !filter.system.includes(':')) {
      filter.system = `system:${filter.system.includes('/') ? '' : 'default/'}${
        filter.system
      }`;
    }
    const offset = queryInteger(req, 'offset', {
      min: 0,
      max: 1_000_000,
      fallback: 0,
    });
    const limit = queryInteger(req, 'limit', {
      min: 1,
      max: 500,
      fallback: 50,
    });

    const credentials = await httpAuth.credentials(req);
    const hidden = await visibility.unreadable(credentials, since =>
      store.scorecardEntityRefs(since),
    );
    const response: ScorecardResponse = await store.scorecard(
      filter,
      { offset, limit },
      hidden,
    );
    res.json(response);
  });

  router.get('/v1/rules', async (req, res) => {
    await httpAuth.credentials(req);
    res.json(options.listRules());
  });

  return router;
}
