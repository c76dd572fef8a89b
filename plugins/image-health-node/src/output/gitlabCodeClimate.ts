import { codeClimateIssue } from './codeclimate';
import { locatedIssues } from './located';
import type { OutputInput } from './types';

/** `gitlab_codeclimate`: GitLab's Code Quality report, a JSON array of Code Climate issues. */
export function writeGitlabCodeClimate(input: OutputInput): string {
  return `${JSON.stringify(
    locatedIssues(input).map(codeClimateIssue),
    null,
    2,
  )}\n`;
}
