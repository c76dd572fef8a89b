import type { Finding } from '@image-health/plugin-image-health-common';
import type { LocatedIssue, OutputInput } from './types';

/** The id parse errors are reported under in formats that only know findings. */
export const PARSE_ERROR_ID = 'parse-error';

function fromFinding(
  finding: Finding,
  file: string | undefined,
  image?: string,
): LocatedIssue {
  return {
    ruleId: finding.ruleId,
    equivalents: finding.equivalents,
    category: finding.category,
    severity: finding.severity,
    message: finding.message,
    fix: finding.remediation.summary,
    docsUrl: finding.remediation.docsUrl,
    file,
    line: file === undefined ? undefined : finding.line,
    endLine: file === undefined ? undefined : finding.endLine,
    image,
  };
}

/**
 * Every finding and parse error of a result, Dockerfiles first, each with
 * the file and line a CI system should show it at.
 */
export function locatedIssues(input: OutputInput): LocatedIssue[] {
  const issues: LocatedIssue[] = [];
  for (const result of input.dockerfiles) {
    for (const error of result.parseErrors)
      issues.push({
        ruleId: PARSE_ERROR_ID,
        equivalents: [],
        severity: 'error',
        message: error.message,
        file: result.location,
        line: error.line,
      });
    for (const finding of result.findings)
      issues.push(fromFinding(finding, result.location));
  }
  for (const image of input.images)
    for (const finding of image.findings)
      issues.push(fromFinding(finding, finding.file, image.ref));
  return issues;
}

/** A file name for formats that need one: the Dockerfile, else the image reference. */
export function pathOf(issue: LocatedIssue): string {
  return issue.file ?? issue.image ?? '';
}

/** The message with the fix after it, as one line of text. */
export function messageWithFix(issue: LocatedIssue): string {
  const text = issue.fix ? `${issue.message}. ${issue.fix}` : issue.message;
  return issue.image && !issue.file ? `${issue.image}: ${text}` : text;
}
