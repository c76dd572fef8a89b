import { useRouteRef } from '@backstage/core-plugin-api';
import type { CompoundEntityRef, Entity } from '@backstage/catalog-model';
import {
  entityRouteParams,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { IMAGE_HEALTH_TAB_PATH } from '../../routes';

/** Builds links to an entity's Image Health tab. */
export function useEntityTabLink(): (
  entity: Entity | CompoundEntityRef | string,
) => string {
  const entityRoute = useRouteRef(entityRouteRef);
  return entity =>
    `${entityRoute(entityRouteParams(entity))}/${IMAGE_HEALTH_TAB_PATH}`;
}
