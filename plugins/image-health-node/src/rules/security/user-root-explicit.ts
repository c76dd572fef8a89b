import type { Rule } from '../types';
import { sourceOf } from '../../dockerfile/model';
import { isRootUser } from './user';

export const rule: Rule = {
  id: 'user-root-explicit',
  title: 'Last USER is root',
  category: 'security',
  severity: 'warning',
  unshipped: 'info',
  // Not DS-0002: Trivy looks only at the file's very last USER and also flags a file without USER.
  equivalents: ['DL3002'],
  description:
    'The last USER of a stage is root (or 0): the stage, and any stage built FROM it, runs with full privileges. Switch back to an unprivileged user after the steps that need root. Like hadolint, every stage is checked.',
  docsUrl: 'https://github.com/hadolint/hadolint/wiki/DL3002',
  check({ model }) {
    return model.stages.flatMap(stage => {
      const users = stage.instructions.filter(i => i.keyword === 'USER');
      const last = users[users.length - 1];
      if (!last || !isRootUser(last.args.trim())) return [];
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
