import { configure, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import type { HistoryEntry } from '@image-health/plugin-image-health-common';
import { ScanChanges } from './ScanChanges';
import { FakeImageHealthApi } from '../../__testUtils__/FakeImageHealthApi';
import { paymentsEntity, paymentsReport } from '../../__testUtils__/reports';
import { renderWithApis, visibleText } from '../../__testUtils__/render';

jest.setTimeout(30_000);
configure({ asyncUtilTimeout: 10_000 });

const ENTITY_REF = 'component:default/payments-api';
const entityRef = getCompoundEntityRef(paymentsEntity);

// Three scans: the first with every finding, the second with one fixed, the
// third with the image rebuilt on fewer layers.
const first = paymentsReport({ scannedAt: '2026-11-25T08:00:00Z' });
const second = paymentsReport({
  scannedAt: '2026-11-26T08:00:00Z',
  dockerfiles: [
    {
      ...first.dockerfiles[0],
      findings: first.dockerfiles[0].findings.slice(1),
    },
  ],
});
const third = paymentsReport({
  scannedAt: '2026-11-27T08:00:00Z',
  dockerfiles: second.dockerfiles,
  images: [
    {
      ...first.images[0],
      layers: first.images[0].layers.slice(0, 1),
      compressedBytes: first.images[0].layers[0].compressedBytes,
    },
  ],
});
const history: HistoryEntry[] = [
  {
    scanId: 's3',
    scannedAt: third.scannedAt,
    status: 'ok',
    score: 60,
    grade: 'D',
  },
  {
    scanId: 's2',
    scannedAt: second.scannedAt,
    status: 'ok',
    score: 55,
    grade: 'E',
  },
  {
    scanId: 's1',
    scannedAt: first.scannedAt,
    status: 'ok',
    score: 51,
    grade: 'E',
  },
];

function server() {
  const api = new FakeImageHealthApi();
  api.history.set(ENTITY_REF, history);
  api.scanReports.set(
    ENTITY_REF,
    new Map([
      ['s1', first],
      ['s2', second],
      ['s3', third],
    ]),
  );
  return api;
}

describe('ScanChanges', () => {
  it('compares the latest scan with the one before it', async () => {
    const api = server();
    await renderWithApis(
      <ScanChanges entityRef={entityRef} history={history} />,
      { api, entity: paymentsEntity },
    );
    const introduced = await screen.findByRole('list', {
      name: 'Findings introduced',
    });
    expect(within(introduced).queryAllByRole('listitem')).toHaveLength(0);
    expect(visibleText(document.body)).toMatch(
      /Layers: \d+ → 1 \(0 added, \d+ removed, 1 unchanged\)/,
    );
    expect(visibleText(document.body)).toContain('Findings fixed (0)');
  });

  it('compares any two scans picked from the history', async () => {
    const api = server();
    await renderWithApis(
      <ScanChanges entityRef={entityRef} history={history} />,
      { api, entity: paymentsEntity },
    );
    await screen.findByRole('list', { name: 'Findings fixed' });
    await userEvent.click(screen.getByRole('button', { name: /^From/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: /2026.*· E \(51\)/ }),
    );
    const fixed = await screen.findByRole('list', { name: 'Findings fixed' });
    await screen.findByText('Findings fixed (1)');
    expect(within(fixed).getAllByRole('listitem')).toHaveLength(1);
    expect(api.changesQueries[api.changesQueries.length - 1]).toEqual({
      from: 's1',
      to: undefined,
    });
  });

  it('says changes come after the next scan when there is one report', async () => {
    const api = new FakeImageHealthApi();
    api.history.set(ENTITY_REF, history.slice(0, 1));
    await renderWithApis(
      <ScanChanges entityRef={entityRef} history={history.slice(0, 1)} />,
      { api, entity: paymentsEntity },
    );
    expect(
      await screen.findByText(/Changes appear after the next scan/),
    ).toBeInTheDocument();
  });
});
