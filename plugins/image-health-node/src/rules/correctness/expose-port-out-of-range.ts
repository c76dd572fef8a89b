import type { Rule } from '../types';

export const rule: Rule = {
  id: 'expose-port-out-of-range',
  title: 'EXPOSE port out of range',
  category: 'correctness',
  severity: 'error',
  // DS-0008 agrees on trivy-checks' cases (rules/trivyChecks.test.ts); Trivy does not read port
  // ranges (8000-70000), which DL3011 checks, so a range past 65535 is ours alone.
  equivalents: ['DL3011', 'DS-0008'],
  description: 'Valid UNIX ports are 0 to 65535.',
  docsUrl: 'https://github.com/hadolint/hadolint/wiki/DL3011',
  check({ model }) {
    const hits = [];
    for (const instruction of model.instructions.filter(
      i => i.keyword === 'EXPOSE',
    )) {
      for (const word of instruction.words) {
        const value = word.value.replace(/["']/g, '').split('/')[0];
        if (value.includes('$')) continue;
        const bad = value
          .split('-')
          .filter(p => /^\d+$/.test(p))
          .find(p => Number(p) > 65535);
        if (bad) {
          hits.push({
            instruction,
            message: `port ${bad} is out of range (0-65535)`,
            summary: 'Expose a port between 0 and 65535.',
          });
        }
      }
    }
    return hits;
  },
};
