import type { FactRetriever } from '@backstage-community/plugin-tech-insights-node';
import type {
  Report,
  ScoreCategoryKey,
  ScorecardRow,
} from '@image-health/plugin-image-health-common';
import { DateTime } from 'luxon';

/** The Image Health facts of one entity, as Tech Insights stores them. */
export type ImageHealthFacts = Record<
  string,
  number | string | boolean | DateTime
>;

const CATEGORY_FACTS: Record<ScoreCategoryKey, string> = {
  size: 'sizeScore',
  layers: 'layersScore',
  baseImage: 'baseImageScore',
  security: 'securityScore',
  buildCache: 'buildCacheScore',
};

/**
 * The facts the Image Health retriever publishes. A fact the report does not
 * know (no image scanned, a category with nothing to judge) is left out for
 * that entity rather than given a made-up value.
 */
export const IMAGE_HEALTH_FACT_SCHEMA: FactRetriever['schema'] = {
  score: { type: 'integer', description: 'Image Health score, 0..100' },
  grade: { type: 'string', description: 'Image Health grade, A..F or N/A' },
  sizeScore: { type: 'integer', description: 'Score of the size category' },
  layersScore: { type: 'integer', description: 'Score of the layers category' },
  baseImageScore: {
    type: 'integer',
    description: 'Score of the base image category',
  },
  securityScore: {
    type: 'integer',
    description: 'Score of the security category',
  },
  buildCacheScore: {
    type: 'integer',
    description: 'Score of the build cache category',
  },
  runsAsRoot: {
    type: 'boolean',
    description:
      'Whether a scanned image runs as root (absent without an image)',
  },
  sizeBytes: {
    type: 'integer',
    description: 'Compressed size of the largest scanned image, in bytes',
  },
  sizeBudgetBytes: {
    type: 'integer',
    description: 'The size budget the image was judged against, in bytes',
  },
  withinSizeBudget: {
    type: 'boolean',
    description: 'Whether the largest scanned image is within its size budget',
  },
  reclaimableBytes: {
    type: 'integer',
    description: 'Bytes the images could shed (deep analysis)',
  },
  baseImage: { type: 'string', description: 'Base image of the final stage' },
  baseImageOutdated: {
    type: 'boolean',
    description:
      "Whether the base image's tag now points to a newer digest than the image was built on",
  },
  errorFindings: {
    type: 'integer',
    description: 'Number of error-severity findings',
  },
  policyViolations: {
    type: 'integer',
    description:
      'Number of imageHealth.policy violations (absent for reports stored before the policy column)',
  },
  lastScanTime: {
    type: 'datetime',
    description: 'When the report was last scanned',
  },
};

/**
 * The facts of one entity: the scorecard row carries the numbers the store
 * derives for the scorecard (size, root, base image, reclaimable bytes), the
 * report the rest.
 */
export function imageHealthFacts(
  row: ScorecardRow,
  report: Report,
): ImageHealthFacts {
  const facts: ImageHealthFacts = {
    grade: report.score.grade,
    lastScanTime: DateTime.fromISO(report.scannedAt),
    errorFindings: [
      ...report.dockerfiles.flatMap(d => d.findings),
      ...report.images.flatMap(i => i.findings),
    ].filter(f => f.severity === 'error').length,
  };
  if (report.score.value !== null) facts.score = report.score.value;
  for (const [key, fact] of Object.entries(CATEGORY_FACTS)) {
    const value = report.score.categories[key as ScoreCategoryKey].value;
    if (value !== null) facts[fact] = value;
  }
  if (row.userIsRoot !== undefined && row.userIsRoot !== null) {
    facts.runsAsRoot = row.userIsRoot;
  }
  if (row.baseImage) facts.baseImage = row.baseImage;
  if (row.policyViolations !== undefined && row.policyViolations !== null) {
    facts.policyViolations = row.policyViolations;
  }
  if (row.reclaimableBytes !== undefined && row.reclaimableBytes !== null) {
    facts.reclaimableBytes = row.reclaimableBytes;
  }
  const budget = report.score.categories.size.budgetBytes;
  if (budget !== undefined) facts.sizeBudgetBytes = budget;
  if (row.compressedBytes !== undefined && row.compressedBytes !== null) {
    facts.sizeBytes = row.compressedBytes;
    if (budget !== undefined) {
      facts.withinSizeBudget = row.compressedBytes <= budget;
    }
  }
  const outdated = report.images
    .map(i => i.baseImageOutdated)
    .filter((value): value is boolean => value !== undefined);
  if (outdated.length > 0) facts.baseImageOutdated = outdated.some(Boolean);
  return facts;
}
