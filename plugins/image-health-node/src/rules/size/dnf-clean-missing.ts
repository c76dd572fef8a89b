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
  // `dnf swap a b` removes a and installs b: it fills the cache as install does (issue 13).
  'swap',
];

// DL3040: each of dnf / microdnf installing must be followed by its own `clean all` or an `rm -rf`;
// a cache/tmpfs mount on libdnf5's cache is accepted.
// DS-0019 (dnf) and DS-0027 (microdnf) with package-install-after-clean, which reports what
// Trivy also wants: a `clean all` after the last install (rules/trivyChecks.test.ts).
export const rule = orderedCacheCleanRule({
  id: 'dnf-clean-missing',
  manager: 'dnf',
  equivalents: ['DL3040', 'DS-0019', 'DS-0027'],
  cacheDir: '/var/cache/libdnf5',
  cleanupFor: program => `${program} clean all`,
  programs: ['dnf', 'microdnf'],
  installs: INSTALLS,
  cleans: (c, program) =>
    hasArgs(c, program, ['clean', 'all']) ||
    (nameOf(c) === 'rm' &&
      (c.args.includes('-rf') || c.args.includes('/var/cache/libdnf5*'))),
  mountFragments: ['/var/cache/libdnf5', '.cache/libdnf5'],
});
