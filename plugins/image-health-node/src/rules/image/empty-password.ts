import type { ImageRule } from './types';

export const rule: ImageRule = {
  id: 'IMG014',
  title: 'Account with an empty password',
  category: 'security',
  severity: 'error',
  // DKL-LI-0001 ("Avoid empty password"): dockle reads /etc/shadow for an empty password field.
  equivalents: ['DKL-LI-0001'],
  description:
    'An account whose /etc/shadow password field is empty lets anyone log in as it without a password (su, login, an SSH server that allows it). A locked account (`!` or `*`) is the safe state.',
  remediation:
    'Lock the account instead: `RUN passwd -l <name>` (or `usermod -p "*" <name>`), or set the field to `*` in the image’s /etc/shadow.',
  check({ name, deep, instructionForLayer }) {
    if (!deep?.complete) return [];
    const { emptyPasswords, layers } = deep.files.accounts;
    if (emptyPasswords.length === 0) return [];
    const layer = layers['etc/shadow'];
    return [
      {
        message: `${name} has accounts with an empty password in /etc/shadow: ${emptyPasswords.join(
          ', ',
        )}`,
        layer,
        instruction: instructionForLayer(layer),
      },
    ];
  },
};
