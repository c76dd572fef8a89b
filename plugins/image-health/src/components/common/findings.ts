import {
  FINDING_CATEGORIES,
  SEVERITIES,
  type Finding,
  type FindingCategory,
  type Report,
} from '@image-health/plugin-image-health-common';

export const CATEGORY_TITLES: Record<FindingCategory, string> = {
  size: 'Size',
  layers: 'Layers',
  'base-image': 'Base image',
  security: 'Security',
  'build-cache': 'Build cache',
  correctness: 'Correctness',
  policy: 'Policy',
};

/** Every finding of the report, Dockerfiles first, in the order they came. */
export function allFindings(report: Report): Finding[] {
  return [
    ...report.dockerfiles.flatMap(d => d.findings),
    ...report.images.flatMap(i => i.findings),
  ];
}

export function bySeverity(a: Finding, b: Finding): number {
  return SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity);
}

export interface FindingGroup {
  category: FindingCategory;
  findings: Finding[];
}

/**
 * Findings grouped by category, the group with the worst finding first, and
 * within a group the most severe first (stable, so file order breaks ties).
 */
export function groupFindings(findings: Finding[]): FindingGroup[] {
  const groups = FINDING_CATEGORIES.map(category => ({
    category,
    findings: findings.filter(f => f.category === category).sort(bySeverity),
  })).filter(group => group.findings.length > 0);
  const worst = (group: FindingGroup) =>
    SEVERITIES.indexOf(group.findings[0].severity);
  return groups.sort((a, b) => worst(a) - worst(b));
}

/** The few findings worth a glance: most severe first. */
export function topFindings(report: Report, count: number): Finding[] {
  return [...allFindings(report)].sort(bySeverity).slice(0, count);
}
