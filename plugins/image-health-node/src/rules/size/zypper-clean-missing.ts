import { orderedCacheCleanRule } from './package-cache';
import { hasArgs } from '../peer';

// DL3036: `zypper install`/`in` must be followed by `zypper clean`/`cc`, or a cache/tmpfs mount on /var/cache/zypp.
// Not DS-0020: Trivy also counts remove/patch as installs and wants a clean after the last one.
export const rule = orderedCacheCleanRule({
  id: 'zypper-clean-missing',
  manager: 'zypper',
  equivalents: ['DL3036'],
  cacheDir: '/var/cache/zypp',
  cleanupFor: () => 'zypper clean',
  installs: c => hasArgs(c, 'zypper', ['install', 'in']),
  cleans: c => hasArgs(c, 'zypper', ['clean', 'cc']),
  mountFragments: ['/var/cache/zypp'],
});
