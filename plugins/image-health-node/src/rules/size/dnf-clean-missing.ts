import { orderedCacheCleanRule } from './package-cache';
import { hasArgs, nameOf } from '../peer';

const INSTALLS = [
  'install',
  'in',
  'upgrade',
  'up',
  'upgrade-minimal',
  'up-min',
  'reinstall',
  'rei',
];

// DL3040: each of dnf / microdnf installing must be followed by its own `clean all` or an `rm -rf`;
// a cache/tmpfs mount on libdnf5's cache is accepted.
// Not DS-0019: Trivy wants a clean after the last install and reads dnf only.
export const rule = orderedCacheCleanRule({
  id: 'dnf-clean-missing',
  manager: 'dnf',
  equivalents: ['DL3040'],
  cacheDir: '/var/cache/libdnf5',
  cleanupFor: program => `${program} clean all`,
  installs: c => hasArgs(c, ['dnf', 'microdnf'], INSTALLS),
  cleans: (c, program) =>
    hasArgs(c, program, ['clean', 'all']) ||
    (nameOf(c) === 'rm' &&
      (c.args.includes('-rf') || c.args.includes('/var/cache/libdnf5*'))),
  mountFragments: ['/var/cache/libdnf5', '.cache/libdnf5'],
});
