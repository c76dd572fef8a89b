import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes, useNavigate } from 'react-router-dom';
import {
  gradeOf,
  type ScorecardRow,
} from '@image-health/plugin-image-health-common';
import { ImageHealthPage } from './ImageHealthPage';
import { FakeImageHealthApi } from '../../__testUtils__/FakeImageHealthApi';
import { AddressBar, renderWithApis } from '../../__testUtils__/render';

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

  it('shows the server error, and loads again when asked', async () => {
    const api = server();
    api.failWith = 503;
    await renderWithApis(<ImageHealthPage />, { api });

    expect(
      await screen.findByText(/Request failed with 503/),
    ).toBeInTheDocument();

    api.failWith = undefined;
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(
      await screen.findByText('25 of 25 scanned entities'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Request failed/)).not.toBeInTheDocument();
  });

  it('says how entities get scanned when nothing has been scanned yet', async () => {
    const api = new FakeImageHealthApi();
    await renderWithApis(<ImageHealthPage />, { api });

    expect(
      await screen.findByText('No scanned entities yet'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/image-health\/dockerfile or image-health\/image/),
    ).toBeInTheDocument();
  });
});

/** The browser around the app: its address bar and its back button. */
const Browser = () => {
  const navigate = useNavigate();
  return (
    <>
      <AddressBar />
      <button type="button" onClick={() => navigate(-1)}>
        Browser back
      </button>
    </>
  );
};

function addressBar(): URL {
  return new URL(
    screen.getByRole('status', { name: 'Address bar' }).textContent!,
    'http://backstage.example',
  );
}

async function waitForUrl(expected: string) {
  await waitFor(() => {
    const url = addressBar();
    expect(`${url.pathname}${url.search}`).toBe(expected);
  });
}

function scorecardRows() {
  const table = screen.getByRole('table', { name: 'Scorecard' });
  return within(table).getAllByRole('row').slice(1);
}

describe('ImageHealthPage in the URL', () => {
  const page = (
    <>
      <ImageHealthPage />
      <Browser />
    </>
  );

  it('puts the page, sort, grade and search the user picks in the URL; typing adds no history entry', async () => {
    await renderWithApis(page, { api: server(), url: '/image-health' });
    await screen.findByText('25 of 25 scanned entities');

    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await waitForUrl('/image-health?page=2');
    expect(await screen.findByText('21-25 of 25')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Size' }));
    // A new order starts on the first page again.
    await waitForUrl('/image-health?sort=compressedBytes');

    await userEvent.click(screen.getByRole('button', { name: /Grade/ }));
    await userEvent.click(await screen.findByRole('option', { name: 'F' }));
    await waitForUrl('/image-health?grade=F&sort=compressedBytes');
    expect(
      await screen.findByText('8 of 25 scanned entities'),
    ).toBeInTheDocument();

    await userEvent.type(
      screen.getByRole('textbox', { name: 'Search entities' }),
      'service 2',
    );
    await waitForUrl('/image-health?q=service+2&grade=F&sort=compressedBytes');
    await waitFor(() =>
      expect(scorecardRows().map(row => row.textContent)).toEqual([
        expect.stringContaining('Service 20'),
        expect.stringContaining('Service 22'),
        expect.stringContaining('Service 24'),
      ]),
    );

    // The search replaced its history entry: back undoes the grade pick.
    await userEvent.click(screen.getByRole('button', { name: 'Browser back' }));
    await waitForUrl('/image-health?sort=compressedBytes');
    expect(
      await screen.findByText('25 of 25 scanned entities'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('textbox', { name: 'Search entities' }),
    ).toHaveValue('');
    expect(screen.getByRole('button', { name: /Grade/ })).toHaveTextContent(
      'Any',
    );
  });

  it('opens with the filters, sort and page of its URL, shown in the controls', async () => {
    const api = server();
    await renderWithApis(page, {
      api,
      url: '/image-health?owner=group:default/team-web&kind=Component&type=service&lifecycle=production&system=shop&grade=F&q=service&sort=title&order=desc',
    });

    expect(
      await screen.findByText('2 of 25 scanned entities'),
    ).toBeInTheDocument();
    expect(api.scorecardQueries[0]).toEqual({
      owner: 'group:default/team-web',
      kind: 'Component',
      type: 'service',
      lifecycle: 'production',
      system: 'shop',
      grade: 'F',
      q: 'service',
      sort: 'title',
      order: 'desc',
      offset: 0,
      limit: 20,
    });
    expect(scorecardRows().map(row => row.textContent)).toEqual([
      expect.stringContaining('Service 20'),
      expect.stringContaining('Service 05'),
    ]);

    expect(
      screen.getByRole('textbox', { name: 'Search entities' }),
    ).toHaveValue('service');
    expect(screen.getByLabelText('Owner')).toHaveValue(
      'group:default/team-web',
    );
    expect(screen.getByLabelText('Kind')).toHaveValue('Component');
    expect(screen.getByLabelText('Type')).toHaveValue('service');
    expect(screen.getByLabelText('Lifecycle')).toHaveValue('production');
    expect(screen.getByLabelText('System')).toHaveValue('shop');
    expect(screen.getByRole('button', { name: /Grade/ })).toHaveTextContent(
      'F',
    );
    expect(screen.getByRole('columnheader', { name: /Name/ })).toHaveAttribute(
      'aria-sort',
      'descending',
    );
  });

  it('opens the page of its URL, and the last page when the link points past the end', async () => {
    const api = server();
    await renderWithApis(page, { api, url: '/image-health?page=9' });

    expect(await screen.findByText('21-25 of 25')).toBeInTheDocument();
    await waitForUrl('/image-health?page=2');
    expect(api.scorecardQueries.at(-1)).toMatchObject({
      offset: 20,
      limit: 20,
    });
    expect(scorecardRows()).toHaveLength(5);
  });

  it('ignores query values it cannot mean, keeps parameters it does not own', async () => {
    const api = server();
    await renderWithApis(page, {
      api,
      url: '/image-health?grade=Z&sort=bogus&order=sideways&page=-1&pageSize=7&owner=%20%20&tab=overview',
    });

    expect(
      await screen.findByText('25 of 25 scanned entities'),
    ).toBeInTheDocument();
    expect(api.scorecardQueries[0]).toEqual({
      sort: 'score',
      order: 'asc',
      offset: 0,
      limit: 20,
    });
    expect(screen.queryByText(/Request failed/)).not.toBeInTheDocument();
    await waitForUrl('/image-health?tab=overview');
    expect(screen.getByRole('button', { name: /Grade/ })).toHaveTextContent(
      'Any',
    );
  });

  it('takes a lower-case grade and a page size from the URL', async () => {
    const api = server();
    await renderWithApis(page, {
      api,
      url: '/image-health?grade=c&pageSize=50',
    });

    expect(
      await screen.findByText('6 of 25 scanned entities'),
    ).toBeInTheDocument();
    expect(api.scorecardQueries[0]).toMatchObject({ grade: 'C', limit: 50 });
    await waitForUrl('/image-health?grade=C&pageSize=50');
  });

  it('returns to the same filtered view from an entity tab with the back button', async () => {
    const api = server();
    await renderWithApis(
      <Routes>
        <Route
          path="/image-health"
          element={
            <>
              <ImageHealthPage />
              <Browser />
            </>
          }
        />
        <Route
          path="/catalog/:namespace/:kind/:name/*"
          element={
            <>
              <h1>Entity page</h1>
              <Browser />
            </>
          }
        />
      </Routes>,
      { api, url: '/image-health?grade=F&sort=title&page=1' },
    );
    await screen.findByText('8 of 25 scanned entities');

    await userEvent.click(screen.getByRole('link', { name: 'Service 01' }));
    expect(
      await screen.findByRole('heading', { name: 'Entity page' }),
    ).toBeInTheDocument();
    await waitForUrl('/catalog/default/component/service-01/image-health');

    api.scorecardQueries.length = 0;
    await userEvent.click(screen.getByRole('button', { name: 'Browser back' }));

    expect(
      await screen.findByText('8 of 25 scanned entities'),
    ).toBeInTheDocument();
    expect(api.scorecardQueries[0]).toEqual({
      grade: 'F',
      sort: 'title',
      order: 'asc',
      offset: 0,
      limit: 20,
    });
    expect(screen.getByRole('button', { name: /Grade/ })).toHaveTextContent(
      'F',
    );
    expect(scorecardRows()[0]).toHaveTextContent('Service 01');
  });

  it('exports the rows its URL selects, in its order', async () => {
    const api = server();
    const blobs: Blob[] = [];
    URL.createObjectURL = (blob: Blob) => {
      blobs.push(blob);
      return 'blob:scorecard';
    };
    URL.revokeObjectURL = () => {};
    await renderWithApis(page, {
      api,
      url: '/image-health?grade=F&sort=title&order=desc&page=1',
    });
    await screen.findByText('8 of 25 scanned entities');

    api.scorecardQueries.length = 0;
    await userEvent.click(screen.getByRole('button', { name: /Export CSV/ }));

    await waitFor(() => expect(blobs).toHaveLength(1));
    const lines = (await blobs[0].text()).trim().split('\r\n');
    const titles = lines.slice(1).map(line => line.split(',')[1]);
    expect(titles).toEqual([
      'Service 24',
      'Service 22',
      'Service 20',
      'Service 09',
      'Service 07',
      'Service 05',
      'Service 03',
      'Service 01',
    ]);
    expect(lines.slice(1).every(line => line.split(',')[3] === 'F')).toBe(true);
    expect(api.scorecardQueries).toEqual([
      expect.objectContaining({ grade: 'F', sort: 'title', order: 'desc' }),
    ]);
  });

  it('offers to clear filters that match nothing', async () => {
    await renderWithApis(page, {
      api: server(),
      url: '/image-health?q=no-such-service',
    });

    expect(
      await screen.findByText('No scanned entity matches these filters.'),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Clear filters' }),
    );
    await waitForUrl('/image-health');
    expect(
      await screen.findByText('25 of 25 scanned entities'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('textbox', { name: 'Search entities' }),
    ).toHaveValue('');
  });

  it('sorts from the keyboard', async () => {
    await renderWithApis(page, { api: server(), url: '/image-health' });
    await screen.findByText('25 of 25 scanned entities');

    screen.getByRole('button', { name: 'Size' }).focus();
    await userEvent.keyboard('{Enter}');
    await waitForUrl('/image-health?sort=compressedBytes');
    await userEvent.keyboard('{Enter}');
    await waitForUrl('/image-health?sort=compressedBytes&order=desc');
    await waitFor(() =>
      expect(scorecardRows()[0]).toHaveTextContent('Service 25'),
    );
  });
});
