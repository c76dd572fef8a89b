import type { Rule } from '../types';
import { sourceOf } from '../../dockerfile/model';

/** As DL3002 reads USER: `root`, `0`, or either with a group (`root:root`, `0:0`). */
function isRoot(user: string): boolean {
  return (
    user === 'root' ||
    user === '0' ||
    user.startsWith('root:') ||
    user.startsWith('0:')
  );
}

export const rule: Rule = {
  id: 'user-root-explicit',
  title: 'Last USER is root',
  category: 'security',
  severity: 'warning',
  // Not DS-0002: Trivy looks only at the file's very last USER and also flags a file without USER.
  equivalents: ['DL3002'],
  description:
    'The last USER of a stage is root (or 0): the stage, and any stage built FROM it, runs with full privileges. Switch back to an unprivileged user after the steps that need root. Like hadolint, every stage is checked.',
  docsUrl: 'https://github.com/hadolint/hadolint/wiki/DL3002',
  check({ model }) {
    return model.stages.flatMap(stage => {
      const users = stage.instructions.filter(i => i.keyword === 'USER');
      const last = users[users.length - 1];
      if (!last || !isRoot(last.args.trim())) return [];
      return [
        {
          instruction: last,
          message: stage.final
            ? `the image runs as ${last.args}`
            : `stage ${stage.name ?? stage.index} ends as ${last.args}`,
          summary:
            'End the stage with USER <unprivileged user>, e.g. USER 10001 or the image’s app user.',
          before: sourceOf(model, last),
          after: `${sourceOf(
            model,
            last,
          )}\n# … steps that need root …\nUSER 10001:10001`,
        },
      ];
    });
  },
};
