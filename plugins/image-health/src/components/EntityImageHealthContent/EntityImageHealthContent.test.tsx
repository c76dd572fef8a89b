import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { EntityImageHealthContent } from './EntityImageHealthContent';
import { FakeImageHealthApi } from '../../__testUtils__/FakeImageHealthApi';
import {
  monorepoReport,
  paymentsEntity,
  paymentsHistory,
  paymentsReport,
  sourceOnlyEntity,
  unannotatedEntity,
} from '../../__testUtils__/reports';
import { renderWithApis, visibleText } from '../../__testUtils__/render';

const ENTITY_REF = 'component:default/payments-api';

// Whole-tab renders are slow on a loaded CI box; the rescan polls in real time.
jest.setTimeout(60_000);
configure({ asyncUtilTimeout: 10_000 });

function serverWithReport() {
  const api = new FakeImageHealthApi();
  api.reports.set(ENTITY_REF, paymentsReport());
  api.history.set(ENTITY_REF, paymentsHistory);
  return api;
}

describe('EntityImageHealthContent', () => {
  it('shows the exact annotation to add when the entity has none', async () => {
    await renderWithApis(<EntityImageHealthContent />, {
      api: new FakeImageHealthApi(),
      entity: unannotatedEntity,
    });

    expect(
      screen.getByText('Image Health is not set up for this entity'),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(visibleText(document.body)).toContain(
        'image-health/dockerfile: Dockerfile',
      ),
    );
    expect(visibleText(document.body)).toContain(
      'image-health/image: ghcr.io/acme/legacy-batch:latest',
    );
  });

  it('says the entity is not scanned yet when the server has no report', async () => {
    await renderWithApis(<EntityImageHealthContent />, {
      api: new FakeImageHealthApi(),
      entity: paymentsEntity,
    });

    expect(await screen.findByText('Not scanned yet')).toBeInTheDocument();
  });

  it('says where no Dockerfile was found for a component with only a source location', async () => {
    await renderWithApis(<EntityImageHealthContent />, {
      api: new FakeImageHealthApi(),
      entity: sourceOnlyEntity,
    });

    expect(
      await screen.findByText(
        'No Dockerfile found in https://git.example.com/acme/legacy-batch/',
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByText('Image Health is not set up for this entity'),
    ).not.toBeInTheDocument();
  });

  it('switches between the Dockerfiles found in a monorepo component', async () => {
    const api = new FakeImageHealthApi();
    api.reports.set(ENTITY_REF, monorepoReport());
    await renderWithApis(<EntityImageHealthContent />, {
      api,
      entity: paymentsEntity,
    });

    const tabs = await screen.findByRole('tablist', { name: 'Dockerfiles' });
    expect(
      within(tabs)
        .getAllByRole('tab')
        .map(tab => tab.textContent),
    ).toEqual(['Dockerfile (1)', 'docker/Dockerfile.debug (3)']);
    expect(screen.getByText('Dockerfiles (2)')).toBeInTheDocument();
    // The limit's message, so nobody thinks the third Dockerfile was judged.
    expect(visibleText(document.body)).toContain(
      'Not every Dockerfile found was scanned',
    );
    expect(visibleText(document.body)).toContain(
      'Found 3 Dockerfiles and scanned the 2 nearest the source root',
    );
    expect(screen.getByText('Findings (1)')).toBeInTheDocument();
    expect(
      screen.getByText('golang:1.22 is not pinned to a digest'),
    ).toBeInTheDocument();

    await userEvent.click(
      within(tabs).getByRole('tab', { name: 'docker/Dockerfile.debug (3)' }),
    );
    expect(await screen.findByText('Findings (3)')).toBeInTheDocument();
    expect(
      screen.queryByText('golang:1.22 is not pinned to a digest'),
    ).not.toBeInTheDocument();
    expect(
      screen.getByText('No USER instruction: the container runs as root'),
    ).toBeInTheDocument();
  });

  it('shows the server error in an error panel', async () => {
    const api = serverWithReport();
    api.failWith = 500;
    await renderWithApis(<EntityImageHealthContent />, {
      api,
      entity: paymentsEntity,
    });

    expect(
      await screen.findByText(/Request failed with 500/),
    ).toBeInTheDocument();
  });

  it('shows score, grade and the category numbers', async () => {
    const report = paymentsReport();
    await renderWithApis(<EntityImageHealthContent />, {
      api: serverWithReport(),
      entity: paymentsEntity,
    });

    expect(
      await screen.findByText(`${report.score.value} / 100`),
    ).toBeInTheDocument();
    expect(
      screen.getAllByRole('img', { name: `Grade ${report.score.grade}` })
        .length,
    ).toBeGreaterThan(0);
    const categories = screen.getByRole('table', { name: 'Category grades' });
    expect(within(categories).getByText('Build cache')).toBeInTheDocument();
    expect(
      within(categories).getByText(report.score.categories.size.detail),
    ).toBeInTheDocument();
    expect(visibleText(categories)).toContain('412 MB compressed');
  });

  it('lists findings by category, most severe first, with location and fix', async () => {
    await renderWithApis(<EntityImageHealthContent />, {
      api: serverWithReport(),
      entity: paymentsEntity,
    });

    const headings = await screen.findAllByRole('heading', { level: 3 });
    // The base-image error comes before the warning-only categories.
    expect(headings.map(h => h.textContent)).toEqual([
      'Base image (1)',
      'Size (1)',
      'Security (1)',
      'Build cache (1)',
    ]);
    expect(
      screen.getByText(
        'COPY . . before npm install re-installs every dependency on any source change',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Dockerfile:3-4')).toBeInTheDocument();
    expect(screen.getByText('layer cccc3333dddd')).toBeInTheDocument();
    expect(screen.getByText('CIS-DI-0001')).toBeInTheDocument();
    await waitFor(() =>
      expect(visibleText(document.body)).toContain(
        'COPY package.json package-lock.json ./ RUN npm ci --omit=dev COPY . .',
      ),
    );
  });

  it('explains why a finding matters from the rule catalogue', async () => {
    const api = serverWithReport();
    api.rules = [
      {
        id: 'IH-CACHE-001',
        title: 'Dependencies installed after copying all sources',
        category: 'build-cache',
        severity: 'warning',
        equivalents: [],
        description:
          'Any source change invalidates the install layer, so every build downloads every dependency again.',
        docsUrl: 'https://docs.docker.com/build/cache/',
      },
    ];
    await renderWithApis(<EntityImageHealthContent />, {
      api,
      entity: paymentsEntity,
    });

    expect(
      await screen.findByText(
        /Any source change invalidates the install layer/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Learn more' })).toHaveAttribute(
      'href',
      'https://docs.docker.com/build/cache/',
    );
  });

  it('shows image facts and one bar per filesystem layer', async () => {
    await renderWithApis(<EntityImageHealthContent />, {
      api: serverWithReport(),
      entity: paymentsEntity,
    });

    const chart = await screen.findByRole('table', { name: 'Layer chart' });
    // Header row plus three filesystem layers; the CMD history entry has no bar.
    expect(within(chart).getAllByRole('row')).toHaveLength(4);
    expect(
      within(chart).getByText(
        'RUN apt-get update && apt-get install -y build-essential python3',
      ),
    ).toBeInTheDocument();
    expect(within(chart).getByText('64.0 MB')).toBeInTheDocument();
    expect(
      screen.getByText(
        'node:20 · 87% of the size · a newer base digest exists',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('root (implicit: no USER instruction)'),
    ).toBeInTheDocument();
  });

  it('shows the suggested Dockerfile as a diff and the score trend', async () => {
    await renderWithApis(<EntityImageHealthContent />, {
      api: serverWithReport(),
      entity: paymentsEntity,
    });

    expect(await screen.findByText('Suggested Dockerfile')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Copy suggested Dockerfile' }),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(visibleText(document.body)).toContain(
        '- FROM node:20 + FROM node:20-slim',
      ),
    );
    expect(
      screen.getByRole('img', { name: /Score history: 40 → 51 over 3 scans/ }),
    ).toBeInTheDocument();
  });

  it('keeps the last good report visible beside a newer failed scan', async () => {
    const api = serverWithReport();
    api.history.set(ENTITY_REF, [
      {
        scannedAt: '2026-11-27T14:00:00Z',
        status: 'failed',
        score: null,
        grade: 'N/A',
      },
      ...paymentsHistory,
    ]);
    await renderWithApis(<EntityImageHealthContent />, {
      api,
      entity: paymentsEntity,
    });

    expect(
      await screen.findByText(/The latest scan .* failed/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Showing the last good report/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('table', { name: 'Layer chart' }),
    ).toBeInTheDocument();
  });

  it('shows why the latest scan failed, beside the last good report', async () => {
    const api = new FakeImageHealthApi();
    api.reports.set(
      ENTITY_REF,
      paymentsReport({
        status: 'failed',
        checkedAt: '2026-11-27T14:00:00Z',
        error:
          'registry localhost:5000 answered 401 for acme/payments-api: check imageHealth.registries[localhost:5000].auth',
      }),
    );
    await renderWithApis(<EntityImageHealthContent />, {
      api,
      entity: paymentsEntity,
    });

    expect(
      await screen.findByText(/answered 401 for acme\/payments-api/),
    ).toHaveTextContent(/Showing the last good report/);
    expect(screen.getByText(/The latest scan .* failed/)).toBeInTheDocument();
    expect(
      screen.getByRole('table', { name: 'Layer chart' }),
    ).toBeInTheDocument();
  });

  it('hides Rescan from users without the scan permission', async () => {
    await renderWithApis(<EntityImageHealthContent />, {
      api: serverWithReport(),
      entity: paymentsEntity,
      canScan: false,
    });

    await screen.findByText('Image health score');
    expect(screen.queryByRole('button', { name: /Rescan/ })).toBeNull();
  });

  it('rescans, shows progress and then the new report', async () => {
    const api = serverWithReport();
    api.scanOutcome = {
      state: 'succeeded',
      report: paymentsReport({ scannedAt: new Date().toISOString() }),
    };
    await renderWithApis(<EntityImageHealthContent />, {
      api,
      entity: paymentsEntity,
      canScan: true,
    });

    await userEvent.click(
      await screen.findByRole('button', { name: /Rescan/ }),
    );
    expect(await screen.findByText(/Queued…|Scanning…/)).toBeInTheDocument();
    await waitFor(
      () => expect(screen.getByText(/just now/)).toBeInTheDocument(),
      { timeout: 20_000 },
    );
    expect(screen.getByRole('button', { name: /Rescan/ })).toBeEnabled();
  });
});
