import type { Rule } from '../types';
import { argumentsOf } from '../support';

export const rule: Rule = {
  id: 'copy-multiple-sources-dest-not-dir',
  title: 'COPY of several sources to a destination without trailing /',
  category: 'correctness',
  severity: 'error',
  equivalents: ['DL3021', 'DS-0011'],
  description:
    'With more than one source, the destination must be a directory ending in /; otherwise the build fails.',
  docsUrl: 'https://github.com/hadolint/hadolint/wiki/DL3021',
  check({ model }) {
    return model.instructions
      .filter(i => i.keyword === 'COPY' && i.heredocs.length === 0)
      .flatMap(instruction => {
        const words = argumentsOf(instruction, { unquoted: true });
        if (words.length <= 2) return [];
        const dest = words[words.length - 1];
        if (dest.endsWith('/')) return [];
        const last = instruction.json
          ? undefined
          : instruction.words[instruction.words.length - 1];
        return [
          {
            instruction,
            message: `COPY of ${
              words.length - 1
            } sources to ${dest}, which does not end with /`,
            summary: `Write the destination as ${dest}/`,
            edits:
              last && !/["']$/.test(last.value)
                ? [{ start: last.end, end: last.end, text: '/' }]
                : undefined,
          },
        ];
      });
  },
};
