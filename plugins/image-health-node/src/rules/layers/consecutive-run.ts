import type { Rule } from '../types';
import { isMergeableRun, runScript, sameFlags } from '../support';
import {
  sourceOf,
  type DockerfileModel,
  type Instruction,
} from '../../dockerfile/model';
import { runCommands } from '../peer';

/** More than one command (assignment-only lines are not commands), as DL3059 counts them. */
function chains(model: DockerfileModel, run: Instruction): boolean {
  return runCommands(model, run).filter(c => c.name !== '').length > 1;
}

export const rule: Rule = {
  id: 'consecutive-run',
  title: 'Consecutive RUN instructions',
  category: 'layers',
  severity: 'info',
  unshipped: 'silent',
  equivalents: ['DL3059'],
  description:
    'Each RUN makes a layer. Consecutive single-command RUNs with the same flags can be one. Like hadolint, a RUN that already chains commands (&&, ;, a pipe, $(…)), or whose flags differ, is left alone; comments between RUNs do not separate them.',
  docsUrl: 'https://github.com/hadolint/hadolint/wiki/DL3059',
  check({ model }) {
    const hits = [];
    for (let i = 1; i < model.instructions.length; i++) {
      const previous = model.instructions[i - 1];
      const current = model.instructions[i];
      if (previous.keyword !== 'RUN' || current.keyword !== 'RUN') continue;
      if (!sameFlags(previous, current)) continue;
      if (chains(model, previous) || chains(model, current)) continue;
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
