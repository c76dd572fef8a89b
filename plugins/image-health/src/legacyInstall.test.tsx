// The README's legacy install steps ("Installing in your Backstage app",
// legacy frontend system), as an app on @backstage/core-app-api writes them:
// the card in an EntitySwitch on the overview, the tab as an
// EntityLayout.Route, the scorecard page and its links.
import { configure, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Grid } from '@material-ui/core';
import { Route, Routes } from 'react-router-dom';
import {
  EntityLayout,
  EntitySwitch,
  catalogPlugin,
} from '@backstage/plugin-catalog';
import {
  EntityProvider,
  MockStarredEntitiesApi,
  catalogApiRef,
  entityRouteRef,
  starredEntitiesApiRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { Entity } from '@backstage/catalog-model';
import {
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import {
  EntityImageHealthCard,
  EntityImageHealthContent,
  ImageHealthPage,
  imageHealthApiRef,
  isImageHealthAvailable,
} from './index';
import { rootRouteRef } from './routes';
import { FakeImageHealthApi } from './__testUtils__/FakeImageHealthApi';
import {
  paymentsEntity,
  paymentsReport,
  unannotatedEntity,
} from './__testUtils__/reports';

jest.setTimeout(60_000);
configure({ asyncUtilTimeout: 10_000 });

// EntityPage.tsx of the README, trimmed to what Image Health adds.
const entityPage = (
  <EntityLayout>
    <EntityLayout.Route path="/" title="Overview">
      <Grid container>
        <EntitySwitch>
          <EntitySwitch.Case if={isImageHealthAvailable}>
            <Grid item md={6} xs={12}>
              <EntityImageHealthCard />
            </Grid>
          </EntitySwitch.Case>
        </EntitySwitch>
      </Grid>
    </EntityLayout.Route>
    <EntityLayout.Route
      path="/image-health"
      title="Image Health"
      if={isImageHealthAvailable}
    >
      <EntityImageHealthContent />
    </EntityLayout.Route>
  </EntityLayout>
);

function renderLegacyApp(entity: Entity, url: string) {
  const api = new FakeImageHealthApi();
  api.reports.set('component:default/payments-api', paymentsReport());
  api.rows = [
    {
      entityRef: 'component:default/payments-api',
      title: 'Payments API',
      owner: 'group:default/team-payments',
      score: paymentsReport().score.value,
      grade: paymentsReport().score.grade,
      scannedAt: paymentsReport().scannedAt,
    } as any,
  ];
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [imageHealthApiRef, api],
        [catalogApiRef, catalogApiMock({ entities: [entity] })],
        [starredEntitiesApiRef, new MockStarredEntitiesApi()],
        [
          permissionApiRef,
          mockApis.permission({ authorize: AuthorizeResult.DENY }),
        ],
      ]}
    >
      <Routes>
        <Route
          path="/catalog/:namespace/:kind/:name/*"
          element={
            <EntityProvider entity={entity}>{entityPage}</EntityProvider>
          }
        />
        <Route path="/image-health" element={<ImageHealthPage />} />
      </Routes>
    </TestApiProvider>,
    {
      routeEntries: [url],
      mountedRoutes: {
        '/catalog': catalogPlugin.routes.catalogIndex,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/image-health': rootRouteRef,
      },
    },
  );
}

describe('legacy frontend system install (README)', () => {
  it('shows the card on the overview and its link opens the tab', async () => {
    await renderLegacyApp(
      paymentsEntity,
      '/catalog/default/component/payments-api',
    );
    const link = await screen.findByRole('link', { name: /View image health/ });
    await userEvent.click(link);
    expect(
      await screen.findByText(`${paymentsReport().score.value} / 100`),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('tab', { name: 'Image Health' }),
    ).toBeInTheDocument();
  });

  it('has no tab and no card on an entity Image Health does not scan', async () => {
    await renderLegacyApp(
      unannotatedEntity,
      '/catalog/default/component/legacy-batch',
    );
    expect(
      await screen.findByRole('tab', { name: 'Overview' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('tab', { name: 'Image Health' }),
    ).not.toBeInTheDocument();
    expect(screen.queryByText('Image health')).not.toBeInTheDocument();
  });

  it('serves the scorecard, whose rows link to the tab', async () => {
    await renderLegacyApp(paymentsEntity, '/image-health');
    const table = await screen.findByRole('table', { name: 'Scorecard' });
    const row = await within(table).findByRole('link', {
      name: /Payments API/,
    });
    expect(row).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-api/image-health',
    );
  });
});
