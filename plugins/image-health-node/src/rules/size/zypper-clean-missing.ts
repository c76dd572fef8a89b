import { cacheCleanRule } from './package-cache';
import { isCommand } from '../support';

export const rule = cacheCleanRule({
  id: 'zypper-clean-missing',
  manager: 'zypper',
  programs: ['zypper'],
  installs: ['install', 'in'],
  equivalents: ['DL3036', 'DS-0020'],
  cleanup: 'zypper clean',
  isCleanup: c => isCommand(c, 'zypper', ['clean', 'cc']),
  cacheDir: '/var/cache/zypp',
});
