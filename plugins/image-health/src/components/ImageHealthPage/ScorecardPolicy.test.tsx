import { configure, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ScorecardRow } from '@image-health/plugin-image-health-common';
import { ImageHealthPage } from './ImageHealthPage';
import { FakeImageHealthApi } from '../../__testUtils__/FakeImageHealthApi';
import { AddressBar, renderWithApis } from '../../__testUtils__/render';

jest.setTimeout(60_000);
configure({ asyncUtilTimeout: 10_000 });

function row(name: string, policyViolations?: number): ScorecardRow {
  return {
    entityRef: `component:default/${name}`,
    title: name,
    owner: 'group:default/team-a',
    score: 69,
    grade: 'D',
    ...(policyViolations === undefined ? {} : { policyViolations }),
    scannedAt: '2026-12-03T08:00:00Z',
  };
}

describe('the scorecard and the organisation policy', () => {
  it('shows each entity’s violations and filters to those that break the policy, in the URL', async () => {
    const api = new FakeImageHealthApi();
    // `legacy` was scanned before violations were counted: unknown, in neither filter.
    api.rows = [row('site', 2), row('api', 0), row('worker', 1), row('legacy')];
    await renderWithApis(
      <>
        <ImageHealthPage />
        <AddressBar />
      </>,
      { api },
    );
    await screen.findByText('4 of 4 scanned entities');
    const table = screen.getByRole('table', { name: 'Scorecard' });
    const cells = (name: string) =>
      within(within(table).getByRole('link', { name }).closest('tr')!)
        .getAllByRole('cell')
        .map(c => c.textContent);
    expect(cells('site')).toContain('2 violations');
    expect(cells('api')).toContain('ok');
    expect(cells('legacy')).toContain('–');

    await userEvent.click(screen.getByRole('button', { name: /^Policy .+/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Violations' }),
    );
    expect(
      await screen.findByText('2 of 4 scanned entities'),
    ).toBeInTheDocument();
    expect(api.scorecardQueries).toContainEqual(
      expect.objectContaining({ policy: 'violating', offset: 0 }),
    );
    expect(
      screen.getByRole('status', { name: 'Address bar' }),
    ).toHaveTextContent('policy=violating');

    await userEvent.click(screen.getByRole('button', { name: /^Policy .+/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Compliant' }),
    );
    expect(
      await screen.findByText('1 of 4 scanned entities'),
    ).toBeInTheDocument();
  });
});
