import { orderedCacheCleanRule } from './package-cache';
import { hasArgs, nameOf } from '../peer';

// DL3032: `yum install` must be followed by `yum clean …` (any yum with clean or all) or an `rm -rf`.
// DS-0015 with package-install-after-clean, which reports what Trivy also wants: a
// `yum clean all` after the last install (rules/trivyChecks.test.ts).
export const rule = orderedCacheCleanRule({
  id: 'yum-clean-missing',
  manager: 'yum',
  equivalents: ['DL3032', 'DS-0015'],
  cacheDir: '/var/cache/yum',
  cleanupFor: () => 'yum clean all',
  programs: ['yum'],
  installs: ['install'],
  cleans: c =>
    hasArgs(c, 'yum', ['clean', 'all']) ||
    (nameOf(c) === 'rm' &&
      (c.args.includes('-rf') || c.args.includes('/var/cache/yum/*'))),
  mountFragments: [],
});
