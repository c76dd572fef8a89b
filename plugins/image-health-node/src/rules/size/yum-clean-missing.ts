import { cacheCleanRule, rmOf } from './package-cache';
import { isCommand } from '../support';

export const rule = cacheCleanRule({
  id: 'yum-clean-missing',
  manager: 'yum',
  programs: ['yum'],
  installs: ['install', 'groupinstall', 'localinstall'],
  equivalents: ['DL3032', 'DS-0015'],
  cleanup: 'yum clean all',
  isCleanup: c => isCommand(c, 'yum', 'clean') || rmOf(c, '/var/cache/yum'),
  cacheDir: '/var/cache/yum',
});
