import { cacheCleanRule, rmOf } from './package-cache';
import { isCommand } from '../support';

export const rule = cacheCleanRule({
  id: 'dnf-clean-missing',
  manager: 'dnf',
  programs: ['dnf', 'microdnf'],
  installs: ['install', 'groupinstall', 'localinstall'],
  equivalents: ['DL3040', 'DS-0019'],
  cleanup: 'dnf clean all',
  isCleanup: c =>
    isCommand(c, ['dnf', 'microdnf'], 'clean') ||
    rmOf(c, '/var/cache/dnf') ||
    rmOf(c, '/var/cache/yum'),
  cacheDir: '/var/cache/dnf',
});
