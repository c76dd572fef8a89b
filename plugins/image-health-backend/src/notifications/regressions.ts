import {
  Finding,
  formatBytes,
  Grade,
  Report,
} from '@image-health/plugin-image-health-common';
import { NotificationSettings, RegressionEvent } from './config';

/** One way a scan made an entity worse, in words with the numbers before and after. */
export interface Regression {
  event: RegressionEvent;
  summary: string;
}

const LETTER_GRADES: Grade[] = ['A', 'B', 'C', 'D', 'E', 'F'];

function errorFindings(
  report: Report,
): Array<{ key: string; finding: Finding }> {
  return (
    [
      ...report.dockerfiles.flatMap(d =>
        d.findings.map(finding => ({
          finding,
          where: finding.file ?? d.location,
        })),
      ),
      ...report.images.flatMap(i =>
        i.findings.map(finding => ({ finding, where: i.ref })),
      ),
    ]
      .filter(({ finding }) => finding.severity === 'error')
      // By rule and file, not line: editing lines above a finding does not make it new.
      .map(({ finding, where }) => ({
        key: `${finding.ruleId}\u0000${where}`,
        finding,
      }))
  );
}

function gradeDrop(before: Report, after: Report, minDrop: number) {
  const from = LETTER_GRADES.indexOf(before.score.grade);
  const to = LETTER_GRADES.indexOf(after.score.grade);
  // N/A on either side is "nothing to compare", not a drop.
  if (from < 0 || to < 0 || to - from < minDrop) return undefined;
  return {
    event: 'grade-drop' as const,
    summary: `Grade ${before.score.grade} → ${after.score.grade} (score ${before.score.value} → ${after.score.value}).`,
  };
}

function newErrorFindings(before: Report, after: Report) {
  const seen = new Map<string, number>();
  for (const { key } of errorFindings(before)) {
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  const added: Finding[] = [];
  for (const { key, finding } of errorFindings(after)) {
    const left = seen.get(key) ?? 0;
    if (left > 0) seen.set(key, left - 1);
    else added.push(finding);
  }
  if (added.length === 0) return undefined;
  const shown = added
    .slice(0, 3)
    .map(f => `${f.ruleId}${f.line ? ` (line ${f.line})` : ''}: ${f.message}`);
  const more = added.length > 3 ? ` and ${added.length - 3} more` : '';
  return {
    event: 'new-error-finding' as const,
    summary: `${added.length} new error finding${
      added.length > 1 ? 's' : ''
    } (${errorFindings(before).length} → ${
      errorFindings(after).length
    }): ${shown.join('; ')}${more}.`,
  };
}

function largestImage(report: Report): number | undefined {
  return report.images.length
    ? Math.max(...report.images.map(i => i.compressedBytes))
    : undefined;
}

function overBudget(before: Report, after: Report) {
  const budget = after.score.categories.size.budgetBytes;
  const from = largestImage(before);
  const to = largestImage(after);
  // Only growth across the line counts: an image already over budget, or
  // scanned for the first time, was not made worse by this scan.
  if (budget === undefined || from === undefined || to === undefined) {
    return undefined;
  }
  if (from > budget || to <= budget) return undefined;
  return {
    event: 'over-budget' as const,
    summary: `Image size ${formatBytes(from)} → ${formatBytes(
      to,
    )}, over its ${formatBytes(budget)} budget.`,
  };
}

/**
 * How `after` is worse than `before`, limited to the configured events.
 */
export function findRegressions(
  before: Report | undefined,
  after: Report,
  settings: Pick<NotificationSettings, 'events' | 'minGradeDrop'>,
): Regression[] {
  // A first report, or one that only ever said why scanning failed, has nothing to regress from.
  if (
    !before ||
    (before.dockerfiles.length === 0 && before.images.length === 0)
  ) {
    return [];
  }
  const found = [
    gradeDrop(before, after, settings.minGradeDrop),
    newErrorFindings(before, after),
    overBudget(before, after),
  ];
  return found.filter(
    (r): r is Regression => r !== undefined && settings.events.has(r.event),
  );
}
