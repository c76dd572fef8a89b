import type { Severity } from '@image-health/plugin-image-health-common';
import { locatedIssues, messageWithFix } from './located';
import type { OutputInput } from './types';

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = {
  error: 'error',
  warning: 'warning',
  info: 'notice',
  style: 'notice',
};

/**
 * A workflow command's message, escaped as GitHub's runner unescapes it
 * (@actions/core's escapeData): a line break cannot start a new command.
 */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command's property value: also `:` and `,`, which end a property (escapeProperty). */
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * `github`: GitHub Actions workflow commands (`::error file=…,line=…::…`),
 * which the runner turns into annotations on the lines of the pull request.
 */
export function writeGithub(input: OutputInput): string {
  const lines: string[] = [];
  for (const issue of locatedIssues(input)) {
    const properties: string[] = [];
    if (issue.file !== undefined) {
      properties.push(`file=${escapeProperty(issue.file)}`);
      properties.push(`line=${issue.line ?? 1}`);
      if (issue.endLine && issue.endLine > (issue.line ?? 1))
        properties.push(`endLine=${issue.endLine}`);
    }
    properties.push(`title=${escapeProperty(issue.ruleId)}`);
    lines.push(
      `::${COMMAND[issue.severity]} ${properties.join(',')}::${escapeData(
        messageWithFix(issue),
      )}`,
    );
  }
  for (const failure of input.failures)
    lines.push(`::error title=image-health threshold::${escapeData(failure)}`);
  return lines.length ? `${lines.join('\n')}\n` : '';
}
