import type { ScorecardRow } from './api';
import type { Report } from './report';

/** Columns the scorecard can be sorted by (`sort=` of `GET /v1/scorecard`). */
export const SCORECARD_SORT_FIELDS = [
  'title',
  'entityRef',
  'owner',
  'score',
  'grade',
  'compressedBytes',
  'reclaimableBytes',
  'policyViolations',
  'scannedAt',
] as const;

export type ScorecardSortField = (typeof SCORECARD_SORT_FIELDS)[number];

/** `policy=` of `GET /v1/scorecard`: entities with policy findings, or without. */
export const SCORECARD_POLICY_FILTERS = ['violating', 'compliant'] as const;

export type ScorecardPolicyFilter = (typeof SCORECARD_POLICY_FILTERS)[number];

/** What the scorecard shows of one report, besides the entity's own fields. */
export type ScorecardFacts = Pick<
  ScorecardRow,
  | 'score'
  | 'grade'
  | 'compressedBytes'
  | 'baseImage'
  | 'userIsRoot'
  | 'reclaimableBytes'
  | 'policyViolations'
>;

/**
 * The scorecard's columns of a report. An entity with several images is
 * judged by its largest one and by what all of them could shed; the base
 * image is an image's own, else the final stage's of a Dockerfile.
 */
export function scorecardFacts(
  report: Pick<Report, 'score' | 'dockerfiles' | 'images'>,
): ScorecardFacts {
  const { images } = report;
  const reclaimable = images.flatMap(i =>
    i.reclaimableBytes === undefined ? [] : [i.reclaimableBytes],
  );
  const baseImage =
    images.find(i => i.baseImage)?.baseImage ??
    report.dockerfiles
      .flatMap(d => d.stages.filter(s => s.final).map(s => s.baseImage))
      .find(Boolean);
  const policyViolations = [...report.dockerfiles, ...images]
    .flatMap(r => r.findings)
    .filter(f => f.category === 'policy').length;
  return {
    score: report.score.value,
    grade: report.score.grade,
    policyViolations,
    ...(images.length
      ? {
          compressedBytes: Math.max(...images.map(i => i.compressedBytes)),
          userIsRoot: images.some(i => i.userIsRoot),
        }
      : {}),
    ...(reclaimable.length
      ? { reclaimableBytes: reclaimable.reduce((sum, n) => sum + n, 0) }
      : {}),
    ...(baseImage ? { baseImage } : {}),
  };
}
