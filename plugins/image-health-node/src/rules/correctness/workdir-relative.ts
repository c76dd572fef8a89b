import type { Rule } from '../types';
import { unquote } from '../../dockerfile/values';

export function isAbsolutePath(path: string): boolean {
  const p = unquote(path.trim());
  return p.startsWith('/') || p.startsWith('$') || /^[A-Za-z]:/.test(p);
}

export const rule: Rule = {
  id: 'workdir-relative',
  title: 'Relative WORKDIR',
  category: 'correctness',
  severity: 'error',
  // DS-0009 agrees on trivy-checks' cases (rules/trivyChecks.test.ts); Trivy's pattern also accepts
  // any path holding a $VAR and rejects C:/, which this rule (as hadolint) judges by the path.
  equivalents: ['DL3000', 'DS-0009', 'WorkdirRelativePath'],
  description:
    'A relative WORKDIR depends on the WORKDIR before it, often the base image’s. Use an absolute path (variables are accepted).',
  docsUrl: 'https://github.com/hadolint/hadolint/wiki/DL3000',
  check({ model }) {
    return model.instructions
      .filter(
        i =>
          i.keyword === 'WORKDIR' && i.args !== '' && !isAbsolutePath(i.args),
      )
      .map(instruction => {
        const at = instruction.words[0];
        return {
          instruction,
          message: `WORKDIR ${instruction.args} is relative to whatever the previous WORKDIR was`,
          summary: 'Use an absolute path.',
          edits: at
            ? [
                {
                  start: at.start,
                  end: at.end,
                  text: `/${unquote(at.value).replace(/^\.\//, '')}`,
                },
              ]
            : [],
        };
      });
  },
};
