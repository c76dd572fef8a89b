import type { ReactNode } from 'react';
import { useLocation } from 'react-router-dom';
import { SWRConfig } from 'swr';
import type { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  catalogApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import { imageHealthApiRef } from '../api';
import { rootRouteRef } from '../routes';
import { FakeImageHealthApi } from './FakeImageHealthApi';

export interface RenderOptions {
  api: FakeImageHealthApi;
  entity?: Entity;
  /** Whether the user may queue scans (`image-health.scan.create`). */
  canScan?: boolean;
  catalogFacets?: Record<string, Array<{ value: string; count: number }>>;
  /** The URL the app opens at, query string included. */
  url?: string;
}

/** Renders like the app does: APIs, permission, entity, and the routes linked to. */
export function renderWithApis(element: ReactNode, options: RenderOptions) {
  const permissionApi = mockApis.permission({
    authorize: options.canScan ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
  });
  // The scorecard only asks the catalog for filter values.
  const catalogApi = {
    getEntityFacets: async () => ({ facets: options.catalogFacets ?? {} }),
  };
  return renderInTestApp(
    // usePermission caches decisions in SWR's global cache; a fresh cache per
    // render keeps one test's permission from leaking into the next.
    <SWRConfig value={{ provider: () => new Map() }}>
      <TestApiProvider
        apis={[
          [imageHealthApiRef, options.api],
          [permissionApiRef, permissionApi],
          [catalogApiRef, catalogApi],
        ]}
      >
        {options.entity ? (
          <EntityProvider entity={options.entity}>{element}</EntityProvider>
        ) : (
          element
        )}
      </TestApiProvider>
    </SWRConfig>,
    {
      routeEntries: [options.url ?? '/'],
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/image-health': rootRouteRef,
      },
    },
  );
}

/** The text a user reads in an element, whitespace folded. */
export function visibleText(element: Element): string {
  return (element.textContent ?? '').replace(/\s+/g, ' ');
}

/** The app's current URL, as the address bar would show it. */
export const AddressBar = () => {
  const { pathname, search } = useLocation();
  return <output aria-label="Address bar">{`${pathname}${search}`}</output>;
};
