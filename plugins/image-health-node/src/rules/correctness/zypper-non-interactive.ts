import { assumeYesRule } from './non-interactive-install';

export const rule = assumeYesRule({
  id: 'zypper-non-interactive',
  programs: ['zypper'],
  installs: ['install', 'in', 'remove', 'rm', 'source-install', 'si', 'patch'],
  yes: ['-n', '--non-interactive', '-y', '--no-confirm'],
  insert: ' --non-interactive',
  equivalents: ['DL3034'],
  before: true,
});
