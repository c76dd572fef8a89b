import { configure, screen } from '@testing-library/react';
import {
  createExtensionTester,
  mockApis,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import type { Entity } from '@backstage/catalog-model';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { imageHealthApiRef } from '../api';
import { FakeImageHealthApi } from '../__testUtils__/FakeImageHealthApi';
import {
  paymentsEntity,
  paymentsHistory,
  paymentsReport,
  sourceOnlyEntity,
  unannotatedEntity,
} from '../__testUtils__/reports';
import imageHealthPlugin, {
  imageHealthEntityCard,
  imageHealthEntityContent,
} from './index';

// Whole-app renders with lazy extensions are slow on a loaded CI box.
jest.setTimeout(60_000);
configure({ asyncUtilTimeout: 10_000 });

function apis() {
  const api = new FakeImageHealthApi();
  api.reports.set('component:default/payments-api', paymentsReport());
  api.history.set('component:default/payments-api', paymentsHistory);
  return [
    [imageHealthApiRef, api],
    [
      permissionApiRef,
      mockApis.permission({ authorize: AuthorizeResult.DENY }),
    ],
    [catalogApiRef, { getEntityFacets: async () => ({ facets: {} }) }],
  ] as const;
}

describe('@image-health/plugin-image-health/alpha', () => {
  it('is one plugin whose extensions have the ids app.extensions config names', () => {
    expect(imageHealthPlugin.pluginId).toBe('image-health');
    for (const id of [
      'api:image-health',
      'entity-content:image-health',
      'entity-card:image-health',
      'page:image-health',
    ] as const) {
      expect(imageHealthPlugin.getExtension(id)).toBeDefined();
    }
  });

  it('lets app.extensions disable the card', async () => {
    renderTestApp({
      features: [imageHealthPlugin],
      extensions: [createTestEntityPage({ entity: paymentsEntity })],
      apis: apis(),
      config: {
        app: { extensions: [{ 'entity-card:image-health': false }] },
      },
    });
    // The tab, on the same test page, renders; the card does not.
    expect(
      await screen.findByText(`${paymentsReport().score.value} / 100`),
    ).toBeInTheDocument();
    expect(screen.queryByText('Image health')).not.toBeInTheDocument();
  });

  it('lets app.extensions rename the tab', () => {
    const tester = createExtensionTester(imageHealthEntityContent, {
      config: { title: 'Container health' },
    });
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'Container health',
    );
    expect(
      createExtensionTester(imageHealthEntityContent).get(
        EntityContentBlueprint.dataRefs.title,
      ),
    ).toBe('Image Health');
  });

  it('shows the card on an entity Image Health scans, with its grade', async () => {
    renderTestApp({
      features: [imageHealthPlugin],
      extensions: [createTestEntityPage({ entity: paymentsEntity })],
      apis: apis(),
    });
    expect(await screen.findByText('Image health')).toBeInTheDocument();
    expect(
      (
        await screen.findAllByRole('img', {
          name: `Grade ${paymentsReport().score.grade}`,
        })
      ).length,
    ).toBeGreaterThan(0);
  });

  it('shows the tab and the card on exactly the entities the backend scans', () => {
    for (const extension of [imageHealthEntityContent, imageHealthEntityCard]) {
      const filter = createExtensionTester(extension as any).get(
        EntityCardBlueprint.dataRefs.filterFunction,
      ) as (entity: Entity) => boolean;
      expect(filter(paymentsEntity)).toBe(true);
      expect(filter(sourceOnlyEntity)).toBe(true);
      expect(filter(unannotatedEntity)).toBe(false);
    }
  });

  it('renders the tab with the report', async () => {
    renderTestApp({
      extensions: [
        createTestEntityPage({ entity: paymentsEntity }),
        imageHealthEntityContent,
      ],
      apis: apis(),
    });
    expect(
      await screen.findByText(`${paymentsReport().score.value} / 100`),
    ).toBeInTheDocument();
  });

  it('serves the scorecard at /image-health, with its sidebar item', async () => {
    renderTestApp({
      features: [imageHealthPlugin],
      apis: apis(),
      initialRouteEntries: ['/image-health'],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    expect(
      await screen.findByRole('heading', { name: 'Scorecard' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Image Health' })).toHaveAttribute(
      'href',
      '/image-health',
    );
  });
});
