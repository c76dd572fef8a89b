import { createRouteRef } from '@backstage/core-plugin-api';

/** The org-wide scorecard page. */
export const rootRouteRef = createRouteRef({ id: 'image-health' });

/** The entity tab, mounted by the app below the entity page. */
export const entityContentRouteRef = createRouteRef({
  id: 'image-health:entity-content',
});

/**
 * Path of the entity tab below the entity page, as the app mounts it
 * (`<EntityLayout.Route path="/image-health" …>`). The scorecard and the card
 * link there.
 */
export const IMAGE_HEALTH_TAB_PATH = 'image-health';
