import { createHash } from 'node:crypto';
import type {
  FindingCategory,
  Severity,
} from '@image-health/plugin-image-health-common';
import { locatedIssues, messageWithFix, pathOf } from './located';
import type { LocatedIssue, OutputInput } from './types';

/** Code Climate's severities, from its engine spec. */
const CODECLIMATE_SEVERITY: Record<Severity, string> = {
  error: 'critical',
  warning: 'major',
  info: 'minor',
  style: 'info',
};

/** Code Climate's fixed list of categories that our finding categories fall in. */
const CODECLIMATE_CATEGORY: Record<FindingCategory, string> = {
  size: 'Performance',
  layers: 'Performance',
  'build-cache': 'Performance',
  'base-image': 'Compatibility',
  security: 'Security',
  correctness: 'Bug Risk',
  // Code Climate has no compliance category: a breach of the organisation's
  // policy makes the image incompatible with where it is to run.
  policy: 'Compatibility',
};

/**
 * The same finding in the same place gets the same fingerprint from run to
 * run (GitLab compares a merge request's issues with its target's by it).
 */
function fingerprintOf(issue: LocatedIssue): string {
  return createHash('sha256')
    .update(
      [pathOf(issue), issue.line ?? 0, issue.ruleId, issue.message].join('\0'),
    )
    .digest('hex');
}

/** One issue in Code Climate's shape (also what GitLab's Code Quality reads). */
export function codeClimateIssue(issue: LocatedIssue) {
  const line = issue.line ?? 1;
  return {
    type: 'issue',
    check_name: issue.ruleId,
    description: messageWithFix(issue),
    categories: [
      issue.category ? CODECLIMATE_CATEGORY[issue.category] : 'Bug Risk',
    ],
    location: {
      path: pathOf(issue),
      lines: { begin: line, end: Math.max(line, issue.endLine ?? line) },
    },
    severity: CODECLIMATE_SEVERITY[issue.severity],
    fingerprint: fingerprintOf(issue),
  };
}

/**
 * `codeclimate`: Code Climate's engine output, each issue a JSON document
 * followed by a NUL character, as its spec says.
 */
export function writeCodeClimate(input: OutputInput): string {
  return locatedIssues(input)
    .map(issue => `${JSON.stringify(codeClimateIssue(issue))}\0`)
    .join('');
}
