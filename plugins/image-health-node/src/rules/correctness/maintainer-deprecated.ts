import type { Rule } from '../types';

export const rule: Rule = {
  id: 'maintainer-deprecated',
  title: 'MAINTAINER is deprecated',
  category: 'correctness',
  severity: 'error',
  equivalents: ['DL4000', 'DS-0022', 'MaintainerDeprecated'],
  description:
    'MAINTAINER is deprecated; use LABEL org.opencontainers.image.authors (or maintainer).',
  docsUrl: 'https://github.com/hadolint/hadolint/wiki/DL4000',
  check({ model }) {
    return model.instructions
      .filter(i => i.keyword === 'MAINTAINER')
      .map(instruction => ({
        instruction,
        message: 'MAINTAINER is deprecated',
        summary: 'Replace it with a LABEL.',
        edits: [
          {
            start: instruction.start,
            end: instruction.end,
            text: `LABEL org.opencontainers.image.authors=${JSON.stringify(
              instruction.args,
            )}`,
          },
        ],
      }));
  },
};
