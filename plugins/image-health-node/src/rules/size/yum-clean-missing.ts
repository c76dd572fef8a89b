import { orderedCacheCleanRule } from './package-cache';
import { hasArgs, nameOf } from '../peer';

// DL3032: `yum install` must be followed by `yum clean …` (any yum with clean or all) or an `rm -rf`.
// Not DS-0015: Trivy wants a clean after the last install and no more.
export const rule = orderedCacheCleanRule({
  id: 'yum-clean-missing',
  manager: 'yum',
  equivalents: ['DL3032'],
  cacheDir: '/var/cache/yum',
  cleanupFor: () => 'yum clean all',
  installs: c => hasArgs(c, 'yum', ['install']),
  cleans: c =>
    hasArgs(c, 'yum', ['clean', 'all']) ||
    (nameOf(c) === 'rm' &&
      (c.args.includes('-rf') || c.args.includes('/var/cache/yum/*'))),
  mountFragments: [],
});
