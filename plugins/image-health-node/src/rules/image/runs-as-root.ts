import type { ImageRule } from './types';

export const rule: ImageRule = {
  id: 'IMG001',
  title: 'Image runs as root',
  category: 'security',
  severity: 'warning',
  equivalents: ['CIS-DI-0001', 'DS-0002'],
  description:
    'The image config sets no USER, or a user that is root (name root or uid 0), so the process runs as root.',
  remediation:
    'Create an unprivileged user and switch to it with USER before the entrypoint.',
  check({ name, user, userIsRoot, rootKind }) {
    if (!userIsRoot) return [];
    return [
      {
        message:
          rootKind === 'implicit'
            ? `${name} runs as root: its config sets no USER`
            : `${name} runs as root: USER is "${user}"${
                /^0+(:|$)/.test(user) ? ' (uid 0)' : ''
              }`,
      },
    ];
  },
};
