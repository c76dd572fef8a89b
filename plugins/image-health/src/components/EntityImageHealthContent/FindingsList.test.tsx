import { configure, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Finding } from '@image-health/plugin-image-health-common';
import { EntityImageHealthContent } from './EntityImageHealthContent';
import { FakeImageHealthApi } from '../../__testUtils__/FakeImageHealthApi';
import { paymentsEntity, paymentsReport } from '../../__testUtils__/reports';
import { renderWithApis } from '../../__testUtils__/render';

jest.setTimeout(60_000);
configure({ asyncUtilTimeout: 10_000 });

const FORBIDDEN_BASE: Finding = {
  ruleId: 'policy-forbidden-base-image',
  equivalents: [],
  category: 'policy',
  severity: 'error',
  message:
    'base image node:20 is forbidden by the policy (it matches "node:20")',
  file: 'Dockerfile',
  line: 1,
  remediation: {
    summary:
      'Build on a base image the policy allows: a supported version, pinned to a tag other than latest (or a digest).',
  },
};

/** The payments report as a scan under a policy forbidding its base makes it. */
function reportUnderPolicy() {
  const report = paymentsReport();
  report.dockerfiles[0] = {
    ...report.dockerfiles[0],
    findings: [...report.dockerfiles[0].findings, FORBIDDEN_BASE],
  };
  report.score = {
    ...report.score,
    value: 69,
    grade: 'D',
    cappedBy: '1 policy violation: capped at 69 from 74',
  };
  return report;
}

describe('findings of the policy category in the entity tab', () => {
  it('lists them first with the other errors, says the score is capped, and filters to them', async () => {
    const api = new FakeImageHealthApi();
    api.reports.set('component:default/payments-api', reportUnderPolicy());
    await renderWithApis(<EntityImageHealthContent />, {
      api,
      entity: paymentsEntity,
    });

    const headings = await screen.findAllByRole('heading', { level: 3 });
    expect(headings.map(h => h.textContent)).toContain('Policy (1)');
    expect(
      screen.getByText(
        'Score 1 policy violation: capped at 69 from 74 (organisation policy)',
      ),
    ).toBeInTheDocument();

    const filter = screen.getByRole('group', { name: 'Show findings of' });
    await userEvent.click(
      within(filter).getByRole('button', { name: 'Policy (1)' }),
    );
    expect(
      screen.getAllByRole('heading', { level: 3 }).map(h => h.textContent),
    ).toEqual(['Policy (1)']);
    expect(screen.getByText(FORBIDDEN_BASE.message)).toBeInTheDocument();
    expect(
      within(filter).getByRole('button', { name: 'Policy (1)' }),
    ).toHaveAttribute('aria-pressed', 'true');

    await userEvent.click(
      within(filter).getByRole('button', { name: 'All (5)' }),
    );
    expect(
      screen.getAllByRole('heading', { level: 3 }).map(h => h.textContent),
    ).toEqual([
      'Base image (1)',
      'Policy (1)',
      'Size (1)',
      'Security (1)',
      'Build cache (1)',
    ]);
  });
});
