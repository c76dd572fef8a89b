import {
  formatBytes,
  type DockerfileResult,
  type Finding,
} from '@image-health/plugin-image-health-common';
import { parseImageReference } from '../dockerfile/values';
import type { BaseImageMeasurement, BaseImageMeasurer } from './measure';

/** Findings whose advice names another base image: measured sizes replace table estimates. */
const LIFECYCLE_RULES = new Set([
  'base-image-end-of-life',
  'base-image-nearing-end-of-life',
  'build-stage-end-of-life',
]);
const HEAVY_RULE = 'base-image-heavy';

function measuredNote(m: BaseImageMeasurement): string {
  return `measured from ${m.registry} on ${m.measuredAt} (${m.platform})`;
}

function lifecycleFinding(f: Finding, m: BaseImageMeasurement): Finding {
  const { current, recommended } = m;
  if (!current || !recommended) return f;
  const slim = m.slimmer[0];
  return {
    ...f,
    message: `${f.message}; ${m.repository}:${current.tag} → ${m.repository}:${
      recommended.tag
    }: ${formatBytes(current.compressedBytes)} → ${formatBytes(
      recommended.compressedBytes,
    )} compressed, ${measuredNote(m)}`,
    remediation: {
      ...f.remediation,
      summary: slim
        ? `${f.remediation.summary} ${m.repository}:${
            slim.tag
          } is ${formatBytes(slim.compressedBytes)}${
            slim.variant === 'alpine'
              ? ' (musl: check your binaries and packages)'
              : ''
          }.`
        : f.remediation.summary,
    },
  };
}

function heavyFinding(
  f: Finding,
  m: BaseImageMeasurement,
  baseImage: string,
): Finding {
  const from = m.recommended ?? m.current;
  // `slim` (glibc) first: only a file that already uses alpine is moved to musl.
  const slim = m.slimmer[0];
  if (!from || !slim) return f;
  const image = `${m.repository}:${slim.tag}`;
  const before = f.remediation.before;
  return {
    ...f,
    message: `${m.repository}:${from.tag} is ${formatBytes(
      from.compressedBytes,
    )} compressed; ${image} is ${formatBytes(
      slim.compressedBytes,
    )}, ${measuredNote(m)}`,
    remediation: {
      ...f.remediation,
      summary: `Build on ${image} (${formatBytes(
        from.compressedBytes - slim.compressedBytes,
      )} smaller${
        slim.variant === 'alpine'
          ? '; musl, so check binaries built for glibc'
          : ''
      }); add back only the packages you need.`,
      after:
        before && before.includes(baseImage)
          ? before.replace(baseImage, image)
          : f.remediation.after,
    },
  };
}

/**
 * Replaces the table's size estimates in base-image findings with sizes read
 * from the registry (the image's own or its configured mirror), where it may
 * be contacted. Without access the findings stay as the rules wrote them.
 */
export async function refineBaseImageFindings(
  result: DockerfileResult,
  measurer: BaseImageMeasurer,
): Promise<DockerfileResult> {
  const findings: Finding[] = [];
  for (const f of result.findings) {
    const refined = LIFECYCLE_RULES.has(f.ruleId) || f.ruleId === HEAVY_RULE;
    const stage = refined
      ? result.stages.find(s => s.line === f.line)
      : undefined;
    const m = stage
      ? await measurer.measure(parseImageReference(stage.baseImage, new Map()))
      : undefined;
    if (!stage || !m) findings.push(f);
    else if (f.ruleId === HEAVY_RULE)
      findings.push(heavyFinding(f, m, stage.baseImage));
    else findings.push(lifecycleFinding(f, m));
  }
  return { ...result, findings };
}
