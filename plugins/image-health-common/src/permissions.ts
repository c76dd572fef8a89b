import { createPermission } from '@backstage/plugin-permission-common';

/** Queue a scan of an entity now (`POST /v1/entities/:kind/:namespace/:name/scan`). */
export const imageHealthScanCreatePermission = createPermission({
  name: 'image-health.scan.create',
  attributes: { action: 'create' },
});

export const imageHealthPermissions = [imageHealthScanCreatePermission];
