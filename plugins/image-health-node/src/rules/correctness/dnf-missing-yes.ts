import { assumeYesRule } from './non-interactive-install';

export const rule = assumeYesRule({
  id: 'dnf-missing-yes',
  programs: ['dnf', 'microdnf'],
  installs: ['install', 'groupinstall', 'localinstall'],
  yes: ['-y', '--assumeyes'],
  insert: ' -y',
  equivalents: ['DL3038'],
});
