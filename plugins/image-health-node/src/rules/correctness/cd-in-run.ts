import type { Rule } from '../types';
import { nameOf, runCommands } from '../peer';

export const rule: Rule = {
  id: 'cd-in-run',
  title: 'cd in RUN instead of WORKDIR',
  category: 'correctness',
  severity: 'warning',
  // Not DS-0013: Trivy only sees cd at the start of an &&-separated part of the RUN text.
  equivalents: ['DL3003'],
  description:
    '`cd` in a RUN only lasts for that RUN and hides where later steps run. Use WORKDIR to change directory.',
  docsUrl: 'https://github.com/hadolint/hadolint/wiki/DL3003',
  check({ model }) {
    // One finding per RUN (a RUN before FROM too), as hadolint reports it; unlike
    // most of its RUN rules, DL3003 is not applied to ONBUILD triggers.
    return model.instructions.flatMap(instruction => {
      if (instruction.keyword !== 'RUN') return [];
      const cd = runCommands(model, instruction).find(c => nameOf(c) === 'cd');
      if (!cd) return [];
      return [
        {
          instruction,
          message: `RUN changes directory with cd ${cd.args.join(' ')}`,
          summary: `Use WORKDIR ${cd.args[0] ?? '<dir>'} before the RUN.`,
        },
      ];
    });
  },
};
