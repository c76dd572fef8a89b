import type { Rule } from '../types';
import { commandsOf, isMergeableRun, runScript, sameFlags } from '../support';
import { sourceOf } from '../../dockerfile/model';

export const rule: Rule = {
  id: 'consecutive-run',
  title: 'Consecutive RUN instructions',
  category: 'layers',
  severity: 'info',
  equivalents: ['DL3059'],
  description:
    'Each RUN makes a layer. Consecutive short RUNs with the same flags can be one. Like hadolint, RUNs that already chain more than two commands, or whose --mount flags differ, are left alone.',
  docsUrl: 'https://github.com/hadolint/hadolint/wiki/DL3059',
  check({ model }) {
    const hits = [];
    for (let i = 1; i < model.instructions.length; i++) {
      const previous = model.instructions[i - 1];
      const current = model.instructions[i];
      if (previous.keyword !== 'RUN' || current.keyword !== 'RUN') continue;
      if (!sameFlags(previous, current)) continue;
      if (commandsOf(previous).length > 2 || commandsOf(current).length > 2)
        continue;
      const mergeable = isMergeableRun(previous) && isMergeableRun(current);
      const merged = `${sourceOf(model, previous)} \\\n    && ${runScript(
        model,
        current,
      )}`;
      hits.push({
        instruction: current,
        message: `RUN on line ${current.line} follows the RUN on line ${previous.line}: two layers where one would do`,
        summary: 'Join the commands into one RUN with &&.',
        before: `${sourceOf(model, previous)}\n${sourceOf(model, current)}`,
        after: mergeable ? merged : undefined,
      });
    }
    return hits;
  },
};
