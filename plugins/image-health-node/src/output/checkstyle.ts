import type { Severity } from '@image-health/plugin-image-health-common';
import { locatedIssues, messageWithFix, pathOf } from './located';
import type { LocatedIssue, OutputInput } from './types';
import { xmlText } from './xml';

/** Checkstyle knows error, warning, info (and ignore). */
const CHECKSTYLE_SEVERITY: Record<Severity, string> = {
  error: 'error',
  warning: 'warning',
  info: 'info',
  style: 'info',
};

/** `checkstyle`: checkstyle's XML report, one `<file>` per Dockerfile or image. */
export function writeCheckstyle(input: OutputInput): string {
  const byFile = new Map<string, LocatedIssue[]>();
  for (const result of input.dockerfiles) byFile.set(result.location, []);
  for (const issue of locatedIssues(input)) {
    const path = pathOf(issue);
    byFile.set(path, [...(byFile.get(path) ?? []), issue]);
  }
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<checkstyle version="4.3">',
  ];
  for (const [path, issues] of byFile) {
    lines.push(`  <file name="${xmlText(path)}">`);
    for (const issue of issues)
      lines.push(
        `    <error line="${issue.line ?? 1}" column="1" severity="${
          CHECKSTYLE_SEVERITY[issue.severity]
        }" message="${xmlText(messageWithFix(issue))}" source="${xmlText(
          issue.ruleId,
        )}"/>`,
      );
    lines.push('  </file>');
  }
  lines.push('</checkstyle>');
  return `${lines.join('\n')}\n`;
}
