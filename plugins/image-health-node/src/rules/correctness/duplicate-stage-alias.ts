import type { Rule } from '../types';

export const rule: Rule = {
  id: 'duplicate-stage-alias',
  title: 'Duplicate stage name',
  category: 'correctness',
  severity: 'error',
  equivalents: ['DL3024', 'DS-0012', 'DuplicateStageName'],
  description:
    'Two stages with the same name make `COPY --from` and `--target` ambiguous; BuildKit rejects it.',
  docsUrl: 'https://github.com/hadolint/hadolint/wiki/DL3024',
  check({ model }) {
    const seen = new Map<string, number>();
    const hits = [];
    for (const stage of model.stages) {
      if (!stage.name) continue;
      const key = stage.name.toLowerCase();
      const first = seen.get(key);
      if (first !== undefined) {
        hits.push({
          instruction: stage.from,
          message: `stage name ${stage.name} is already used on line ${first}`,
          summary: 'Give every stage a unique name.',
        });
      } else seen.set(key, stage.from.line);
    }
    return hits;
  },
};
