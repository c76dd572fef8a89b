import { screen } from '@testing-library/react';
import { EntityImageHealthCard } from './EntityImageHealthCard';
import { FakeImageHealthApi } from '../../__testUtils__/FakeImageHealthApi';
import {
  paymentsEntity,
  paymentsReport,
  sourceOnlyEntity,
  unannotatedEntity,
} from '../../__testUtils__/reports';
import { renderWithApis } from '../../__testUtils__/render';

describe('EntityImageHealthCard', () => {
  it('shows grade, score, size, the three worst findings and a link to the tab', async () => {
    const api = new FakeImageHealthApi();
    const report = paymentsReport();
    api.reports.set('component:default/payments-api', report);
    await renderWithApis(<EntityImageHealthCard />, {
      api,
      entity: paymentsEntity,
    });

    expect(
      await screen.findByText(`${report.score.value} / 100`),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('img', { name: `Grade ${report.score.grade}` }),
    ).toBeInTheDocument();
    expect(screen.getByText(/412 MB compressed/)).toBeInTheDocument();
    const items = screen.getAllByRole('listitem');
    expect(items).toHaveLength(3);
    // The only error comes first.
    expect(items[0]).toHaveTextContent(
      'node:20 is the full Debian image; the runtime needs node:20-slim',
    );
    expect(
      screen.getByRole('link', { name: /View image health/ }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-api/image-health',
    );
  });

  it('says when the entity has not been scanned yet', async () => {
    await renderWithApis(<EntityImageHealthCard />, {
      api: new FakeImageHealthApi(),
      entity: paymentsEntity,
    });

    expect(await screen.findByText(/Not scanned yet/)).toBeInTheDocument();
  });

  it('says where no root Dockerfile was found for a component with only a source location', async () => {
    await renderWithApis(<EntityImageHealthCard />, {
      api: new FakeImageHealthApi(),
      entity: sourceOnlyEntity,
    });

    expect(
      await screen.findByText(
        /No Dockerfile found in https:\/\/git\.example\.com\/acme\/legacy-batch\//,
      ),
    ).toBeInTheDocument();
  });

  it('asks for the annotation when the entity has none', async () => {
    await renderWithApis(<EntityImageHealthCard />, {
      api: new FakeImageHealthApi(),
      entity: unannotatedEntity,
    });

    expect(screen.getByText('Image Health is not set up')).toBeInTheDocument();
  });
});
