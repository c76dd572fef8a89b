import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  gradeOf,
  type ScorecardRow,
} from '@image-health/plugin-image-health-common';
import { ImageHealthPage } from './ImageHealthPage';
import { FakeImageHealthApi } from '../../__testUtils__/FakeImageHealthApi';
import { renderWithApis } from '../../__testUtils__/render';

const MB = 1024 * 1024;
const OWNERS = [
  'group:default/team-payments',
  'group:default/team-web',
  'group:default/team-data',
];

/** 25 scanned services, scores 30..99, every third one running as root. */
function scannedServices(): ScorecardRow[] {
  return Array.from({ length: 25 }, (_, i) => {
    const score = 30 + ((i * 37) % 70);
    return {
      entityRef: `component:default/service-${String(i + 1).padStart(2, '0')}`,
      title: `Service ${String(i + 1).padStart(2, '0')}`,
      owner: OWNERS[i % 3],
      score,
      grade: gradeOf(score),
      compressedBytes: (20 + i * 10) * MB,
      baseImage: i % 2 ? 'node:20' : 'gcr.io/distroless/static-debian12',
      userIsRoot: i % 3 === 0,
      reclaimableBytes: i * 4 * MB,
      scannedAt: '2026-11-27T08:00:00Z',
    };
  });
}

function server() {
  const api = new FakeImageHealthApi();
  api.rows = scannedServices();
  return api;
}

// The page renders a full table and five pickers; slow on a loaded CI box.
jest.setTimeout(60_000);
configure({ asyncUtilTimeout: 10_000 });

describe('ImageHealthPage', () => {
  it('shows a page of the worst entities first, with links to their tab', async () => {
    await renderWithApis(<ImageHealthPage />, { api: server() });

    const table = await screen.findByRole('table', { name: 'Scorecard' });
    await waitFor(() =>
      expect(within(table).getAllByRole('row')).toHaveLength(21),
    );
    const firstRow = within(table).getAllByRole('row')[1];
    // Sorted by score, ascending: Service 01 scores 30.
    expect(firstRow).toHaveTextContent('Service 01');
    expect(
      within(firstRow).getByRole('link', { name: 'Service 01' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/service-01/image-health',
    );
    expect(screen.getByText('25 of 25 scanned entities')).toBeInTheDocument();
    expect(screen.getByText('1-20 of 25')).toBeInTheDocument();
  });

  it('shows the grade distribution, owner averages and top reclaimable', async () => {
    await renderWithApis(<ImageHealthPage />, { api: server() });

    const distribution = await screen.findByRole('list', {
      name: 'Grade distribution',
    });
    const rows = scannedServices();
    const countA = rows.filter(r => r.grade === 'A').length;
    await waitFor(() =>
      expect(
        within(distribution).getByRole('listitem', { name: `A: ${countA}` }),
      ).toBeInTheDocument(),
    );
    expect(screen.getByText('Average score per owner')).toBeInTheDocument();
    // Service 25 has the most reclaimable bytes: 96 MB.
    const top = await screen.findByRole('list', {
      name: 'Top reclaimable entities',
    });
    await waitFor(() =>
      expect(within(top).getAllByRole('listitem')[0]).toHaveTextContent(
        'Service 25 96.0 MB',
      ),
    );
  });

  it('filters by grade on the server', async () => {
    const api = server();
    await renderWithApis(<ImageHealthPage />, { api });
    await screen.findByText('25 of 25 scanned entities');

    await userEvent.click(screen.getByRole('button', { name: /Grade/ }));
    await userEvent.click(await screen.findByRole('option', { name: 'A' }));

    const expected = scannedServices().filter(r => r.grade === 'A');
    expect(
      await screen.findByText(`${expected.length} of 25 scanned entities`),
    ).toBeInTheDocument();
    expect(api.scorecardQueries).toContainEqual(
      expect.objectContaining({ grade: 'A', offset: 0, limit: 20 }),
    );
    const table = screen.getByRole('table', { name: 'Scorecard' });
    expect(within(table).getAllByRole('row')).toHaveLength(expected.length + 1);
  });

  it('searches by text and sorts by size', async () => {
    const api = server();
    await renderWithApis(<ImageHealthPage />, { api });
    await screen.findByText('25 of 25 scanned entities');

    await userEvent.click(
      screen.getByRole('textbox', { name: 'Search entities' }),
    );
    await userEvent.paste('service 1');
    expect(
      await screen.findByText('10 of 25 scanned entities'),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Size' }));
    await waitFor(() =>
      expect(api.scorecardQueries.at(-1)).toMatchObject({
        q: 'service 1',
        sort: 'compressedBytes',
        order: 'asc',
      }),
    );
    const table = screen.getByRole('table', { name: 'Scorecard' });
    await waitFor(() =>
      expect(within(table).getAllByRole('row')[1]).toHaveTextContent(
        'Service 10',
      ),
    );
  });

  it('exports every filtered row as CSV, across pages', async () => {
    const api = server();
    const blobs: Blob[] = [];
    URL.createObjectURL = (blob: Blob) => {
      blobs.push(blob);
      return 'blob:scorecard';
    };
    URL.revokeObjectURL = () => {};
    await renderWithApis(<ImageHealthPage />, { api });
    await screen.findByText('25 of 25 scanned entities');

    await userEvent.click(screen.getByRole('button', { name: /Export CSV/ }));

    await waitFor(() => expect(blobs).toHaveLength(1));
    const lines = (await blobs[0].text()).trim().split('\r\n');
    expect(lines).toHaveLength(26);
    expect(lines[0]).toMatch(/^entityRef,title,owner,grade,score/);
  });

  it('shows the server error', async () => {
    const api = server();
    api.failWith = 503;
    await renderWithApis(<ImageHealthPage />, { api });

    expect(
      await screen.findByText(/Request failed with 503/),
    ).toBeInTheDocument();
  });
});
