import type { Rule } from '../types';

/** DL3061: only ARG (and comments or parser directives) may come before the first FROM. */
export const rule: Rule = {
  id: 'instruction-before-from',
  title: 'Instruction before FROM',
  category: 'correctness',
  severity: 'error',
  equivalents: ['DL3061'],
  description:
    'A Dockerfile must begin with FROM, optionally after ARGs for the FROM lines, comments and parser directives. Docker refuses any other instruction before the first FROM.',
  docsUrl: 'https://github.com/hadolint/hadolint/wiki/DL3061',
  check({ model }) {
    const firstFrom = model.instructions.find(i => i.keyword === 'FROM');
    const from = firstFrom
      ? model.text.slice(firstFrom.start, firstFrom.end)
      : undefined;
    return model.instructions
      .filter(
        i =>
          (!firstFrom || i.index < firstFrom.index) &&
          i.keyword !== 'ARG' &&
          i.keyword !== 'FROM',
      )
      .map(instruction => ({
        instruction,
        message: `${instruction.keyword} comes before the first FROM`,
        summary: 'Move it below the FROM it belongs to.',
        ...(from !== undefined
          ? {
              after: `${from}\n${model.text.slice(
                instruction.start,
                instruction.end,
              )}`,
            }
          : {}),
      }));
  },
};
