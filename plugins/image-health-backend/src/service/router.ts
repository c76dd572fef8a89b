import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  compareReports,
  imageHealthScanCreatePermission,
  RuleInfo,
  ScanStatus,
  ScorecardResponse,
} from '@image-health/plugin-image-health-common';
import express, { Request } from 'express';
import { ImageHealthStore } from '../database/ImageHealthStore';
import { ScanQueue } from '../database/ScanQueue';
import { createOpenApiRouter } from '../schema/openapi.generated';
import { EntityVisibility } from './EntityVisibility';
import { ScanService } from './ScanService';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  store: ImageHealthStore;
  queue: ScanQueue;
  scans: ScanService;
  listRules: () => RuleInfo[];
}

type EntityPath = { kind: string; namespace: string; name: string };

/**
 * The entity of `/v1/entities/{kind}/{namespace}/{name}/...`. (The typed router
 * reads only an operation's own parameters, not these path-level ones.)
 */
function entityRefOf(req: Request<any, any, any, any>): string {
  const { kind, namespace, name }: EntityPath = req.params;
  return stringifyEntityRef({ kind, namespace, name });
}

/**
 * The HTTP API of DESIGN.md, built from openapi.yaml: requests the document does
 * not allow are answered 400 before a handler runs, so handlers read parameters
 * already checked. Thin: asks services, shapes answers.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  // Authentication is Backstage's (httpAuth), not the validator's.
  const router = await createOpenApiRouter({
    validatorOptions: { validateSecurity: false },
  });
  addEntityRoutes(router, options);
  addScanAndScorecardRoutes(router, options);
  return router;
}

type ApiRouter = Awaited<ReturnType<typeof createOpenApiRouter>>;

/** `/v1/entities/{kind}/{namespace}/{name}[/history|/changes|/scan]`: only for a caller who may read the entity. */
function addEntityRoutes(router: ApiRouter, options: RouterOptions): void {
  const { httpAuth, permissions, catalog, store, queue, scans } = options;

  /** The entity, if the caller may read it; otherwise a 404 that does not tell the two apart. */
  async function readableEntity(
    req: Request<any, any, any, any>,
    entityRef: string,
  ) {
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
    if (!report)
      throw notScannedYet(entityRef, await queue.latestFor(entityRef));
    res.json(report);
  });

  router.get(
    '/v1/entities/:kind/:namespace/:name/history',
    async (req, res) => {
      const entityRef = entityRefOf(req);
      const { limit = 100 } = req.query; // openapi.yaml's default
      await readableEntity(req, entityRef);
      res.json({ entityRef, items: await store.getHistory(entityRef, limit) });
    },
  );

  router.get(
    '/v1/entities/:kind/:namespace/:name/changes',
    async (req, res) => {
      const entityRef = entityRefOf(req);
      const picked = { from: req.query.from, to: req.query.to };
      await readableEntity(req, entityRef);
      const pair = await store.reportPair(entityRef, picked);
      if (!pair) {
        throw new NotFoundError(
          picked.from || picked.to
            ? `${entityRef} has no stored report for scan ${
                picked.from ?? picked.to
              }`
            : `${entityRef} has fewer than two stored reports: changes appear after its next scan`,
        );
      }
      res.json({
        fromScanId: pair.from.scanId,
        toScanId: pair.to.scanId,
        ...compareReports(pair.from.report, pair.to.report),
      });
    },
  );

  router.post('/v1/entities/:kind/:namespace/:name/scan', async (req, res) => {
    const entityRef = entityRefOf(req);
    const { entity, credentials } = await readableEntity(req, entityRef);
    await requireScanPermission(permissions, entityRef, credentials);
    const target = scans.targetOf(entity);
    if (!target) {
      throw new InputError(
        `${entityRef} has nothing to scan: add an image-health/dockerfile or image-health/image annotation, or a backstage.io/source-location with a Dockerfile at its root`,
      );
    }
    res.status(202).json(await scans.requestScan(target));
  });
}

/** `/v1/scans/{id}`, `/v1/scorecard` and `/v1/rules`. */
function addScanAndScorecardRoutes(
  router: ApiRouter,
  options: RouterOptions,
): void {
  const { httpAuth, store, queue } = options;
  const visibility = new EntityVisibility(options.catalog);

  router.get('/v1/scans/:id', async (req, res) => {
    const { id } = req.params;
    const scan = await queue.get(id);
    const credentials = await httpAuth.credentials(req);
    if (!scan || !(await visibility.canRead(scan.entityRef, credentials))) {
      throw new NotFoundError(`no scan ${id}`);
    }
    res.json(scan);
  });

  router.get('/v1/scorecard', async (req, res) => {
    // The spec's defaults, repeated for the types (a typed query leaves defaulted parameters optional).
    const {
      offset = 0,
      limit = 50,
      sort = 'score',
      order = 'asc',
      ...filters
    } = req.query;
    const filter = { ...filters, sort, order };
    // Owners and systems are stored as full refs; accept the short names users type.
    if (filter.owner) filter.owner = fullRef('group', filter.owner);
    if (filter.system) filter.system = fullRef('system', filter.system);
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
}

/** Why an entity has no report: nothing to scan, a first scan under way, or never scanned. */
function notScannedYet(
  entityRef: string,
  last: ScanStatus | undefined,
): NotFoundError {
  if (last?.state === 'succeeded') {
    return new NotFoundError(
      `${entityRef} has nothing to scan (scan of ${last.finishedAt}): ${
        last.error ??
        'no Dockerfile found at its source root; add an image-health/dockerfile or image-health/image annotation'
      }`,
    );
  }
  if (last?.state === 'queued' || last?.state === 'running') {
    return new NotFoundError(
      `${entityRef} has not been scanned yet: its first scan is ${last.state}`,
    );
  }
  return new NotFoundError(
    `${entityRef} has not been scanned yet: it is scanned on the next scheduled run if it has an image-health/dockerfile or image-health/image annotation (or a Dockerfile at its source root), or now with POST .../scan`,
  );
}

/** `team-a` → `group:default/team-a`, `ns/team-a` → `group:ns/team-a`; a full ref stays. */
function fullRef(kind: string, ref: string): string {
  if (ref.includes(':')) return ref;
  return `${kind}:${ref.includes('/') ? '' : 'default/'}${ref}`;
}

/** A resource permission: the policy may decide per entity (e.g. owners only). */
async function requireScanPermission(
  permissions: PermissionsService,
  entityRef: string,
  credentials: BackstageCredentials,
): Promise<void> {
  const [decision] = await permissions.authorize(
    [{ permission: imageHealthScanCreatePermission, resourceRef: entityRef }],
    { credentials },
  );
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(
      `you need the ${imageHealthScanCreatePermission.name} permission on ${entityRef} to request a scan`,
    );
  }
}
