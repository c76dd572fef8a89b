import type { Severity } from '@image-health/plugin-image-health-common';
import { locatedIssues, PARSE_ERROR_ID } from './located';
import type { LocatedIssue, OutputInput } from './types';

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
  style: 'note',
};

function toUri(location: string): string {
  // Relative paths stay relative (code-scanning UIs resolve them against the checkout).
  return location
    .split('\\')
    .join('/')
    .split('/')
    .map(encodeURIComponent)
    .join('/')
    .replace(/^%3A/, ':');
}

function physicalLocation(file: string, line?: number, endLine?: number) {
  return {
    physicalLocation: {
      artifactLocation: { uri: toUri(file) },
      region: {
        startLine: line ?? 1,
        ...(endLine && endLine >= (line ?? 1) ? { endLine } : {}),
      },
    },
  };
}

/**
 * Where a result is: the Dockerfile line (also for an image finding traced
 * to the instruction that made it), else the image as a logical location.
 */
function locationOf(issue: LocatedIssue) {
  if (issue.file !== undefined)
    return physicalLocation(issue.file, issue.line, issue.endLine);
  return { logicalLocations: [{ name: issue.image, kind: 'resource' }] };
}

/** `sarif`: SARIF 2.1.0, one run, the rule catalogue as the driver's rules. */
export function writeSarif(input: OutputInput): string {
  const ruleIndex = new Map(input.rules.map((r, i) => [r.id, i]));
  const issues = locatedIssues(input);
  const results = issues
    .filter(issue => issue.ruleId !== PARSE_ERROR_ID)
    .map(issue => ({
      ruleId: issue.ruleId,
      ruleIndex: ruleIndex.get(issue.ruleId),
      level: SARIF_LEVEL[issue.severity],
      message: {
        text: issue.fix ? `${issue.message}. ${issue.fix}` : issue.message,
      },
      locations: [locationOf(issue)],
      ...(issue.equivalents.length || issue.image
        ? {
            properties: {
              ...(issue.equivalents.length
                ? { equivalents: issue.equivalents }
                : {}),
              ...(issue.image ? { image: issue.image } : {}),
            },
          }
        : {}),
    }));
  const notifications = issues
    .filter(issue => issue.ruleId === PARSE_ERROR_ID)
    .map(issue => ({
      level: 'error',
      message: { text: issue.message },
      locations: [physicalLocation(issue.file!, issue.line)],
    }));
  const invocation = {
    executionSuccessful: notifications.length === 0,
    toolExecutionNotifications: notifications,
    ...(input.failures.length
      ? {
          toolConfigurationNotifications: input.failures.map(failure => ({
            level: 'error',
            message: { text: `threshold: ${failure}` },
          })),
        }
      : {}),
  };
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'image-health',
            version: input.version,
            rules: input.rules.map(r => ({
              id: r.id,
              name: r.title,
              shortDescription: { text: r.title },
              fullDescription: { text: r.description },
              ...(r.docsUrl ? { helpUri: r.docsUrl } : {}),
              defaultConfiguration: { level: SARIF_LEVEL[r.severity] },
              properties: { category: r.category, equivalents: r.equivalents },
            })),
          },
        },
        invocations: [invocation],
        results,
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
