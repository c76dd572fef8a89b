import type {
  DockerfileResult,
  Finding,
  RuleInfo,
  Severity,
} from '@image-health/plugin-image-health-common';

/** One line per finding, grouped by file, with the fix summary under it. */
export function formatText(results: DockerfileResult[]): string {
  const out: string[] = [];
  for (const result of results) {
    for (const error of result.parseErrors)
      out.push(
        `${result.location}:${error.line ?? 1} parse-error ${error.message}`,
      );
    for (const f of result.findings) {
      const peers = f.equivalents.length
        ? ` (${f.equivalents.join(', ')})`
        : '';
      out.push(
        `${result.location}:${f.line ?? 1} ${f.severity} ${f.ruleId}${peers}: ${
          f.message
        }`,
      );
      out.push(`    fix: ${f.remediation.summary}`);
    }
  }
  const total = results.reduce((n, r) => n + r.findings.length, 0);
  out.push(
    `${total} finding${total === 1 ? '' : 's'} in ${results.length} file${
      results.length === 1 ? '' : 's'
    }`,
  );
  return `${out.join('\n')}\n`;
}

export function formatJson(results: DockerfileResult[]): string {
  return `${JSON.stringify(results, null, 2)}\n`;
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
  style: 'note',
};

/** SARIF 2.1.0, one run, the rule catalogue as the driver's rules. */
export function formatSarif(
  results: DockerfileResult[],
  rules: RuleInfo[],
  version: string,
): string {
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const sarifResults = results.flatMap(result =>
    result.findings.map((f: Finding) => ({
      ruleId: f.ruleId,
      ruleIndex: ruleIndex.get(f.ruleId),
      level: SARIF_LEVEL[f.severity],
      message: { text: `${f.message}. ${f.remediation.summary}` },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: toUri(result.location) },
            region: {
              startLine: f.line ?? 1,
              ...(f.endLine ? { endLine: f.endLine } : {}),
            },
          },
        },
      ],
      ...(f.equivalents.length
        ? { properties: { equivalents: f.equivalents } }
        : {}),
    })),
  );
  const notifications = results.flatMap(result =>
    result.parseErrors.map(e => ({
      level: 'error',
      message: { text: e.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: toUri(result.location) },
            region: { startLine: e.line ?? 1 },
          },
        },
      ],
    })),
  );
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'image-health',
            version,
            rules: rules.map(r => ({
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
        invocations: [
          {
            executionSuccessful: notifications.length === 0,
            toolExecutionNotifications: notifications,
          },
        ],
        results: sarifResults,
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

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
