import { assumeYesRule } from './non-interactive-install';

export const rule = assumeYesRule({
  id: 'yum-missing-yes',
  programs: ['yum'],
  installs: ['install', 'groupinstall', 'localinstall'],
  yes: ['-y', '--assumeyes'],
  insert: ' -y',
  equivalents: ['DL3030'],
});
