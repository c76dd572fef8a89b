import { orderedCacheCleanRule } from './package-cache';
import { hasArgs } from '../peer';

// DL3036: `zypper install`/`in` must be followed by `zypper clean`/`cc`, or a cache/tmpfs mount on /var/cache/zypp.
// DS-0020 with package-install-after-clean, which reports what Trivy also wants: remove and
// patch count as installs, and a clean comes after the last one (rules/trivyChecks.test.ts).
export const rule = orderedCacheCleanRule({
  id: 'zypper-clean-missing',
  manager: 'zypper',
  equivalents: ['DL3036', 'DS-0020'],
  cacheDir: '/var/cache/zypp',
  cleanupFor: () => 'zypper clean',
  programs: ['zypper'],
  installs: ['install', 'in'],
  cleans: c => hasArgs(c, 'zypper', ['clean', 'cc']),
  mountFragments: ['/var/cache/zypp'],
});
