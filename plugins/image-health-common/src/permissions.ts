import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Queue a scan of an entity now (`POST /v1/entities/:kind/:namespace/:name/scan`).
 * A resource permission on the catalog entity being scanned, so a policy can
 * decide per entity with the catalog's conditional rules (e.g. `isEntityOwner`:
 * owners may rescan their own entities). `'catalog-entity'` is the catalog's
 * `RESOURCE_TYPE_CATALOG_ENTITY`, spelled out to keep this package free of
 * catalog dependencies.
 */
export const imageHealthScanCreatePermission = createPermission({
  name: 'image-health.scan.create',
  attributes: { action: 'create' },
  resourceType: 'catalog-entity',
});

export const imageHealthPermissions = [imageHealthScanCreatePermission];
