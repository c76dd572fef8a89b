import type { Rule } from '../types';
import { isRootUser, lastUser } from './user';
import { sourceOf } from '../../dockerfile/model';

export const rule: Rule = {
  id: 'user-root-explicit',
  title: 'Final USER is root',
  category: 'security',
  severity: 'warning',
  equivalents: ['DL3002', 'DS-0002'],
  description:
    'The last USER of the final stage is root (or 0): the service runs with full privileges in the container. Switch back to an unprivileged user after the steps that need root.',
  docsUrl: 'https://github.com/hadolint/hadolint/wiki/DL3002',
  check({ model }) {
    const last = lastUser(model);
    if (!last?.user || !isRootUser(last.user.args)) return [];
    return [
      {
        instruction: last.user,
        message: `the image runs as ${last.user.args}`,
        summary:
          'End the final stage with USER <unprivileged user>, e.g. USER 10001 or the image’s app user.',
        before: sourceOf(model, last.user),
        after: `${sourceOf(
          model,
          last.user,
        )}\n# … steps that need root …\nUSER 10001:10001`,
      },
    ];
  },
};
