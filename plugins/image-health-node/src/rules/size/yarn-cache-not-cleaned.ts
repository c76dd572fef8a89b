import { orderedCacheCleanRule } from './package-cache';
import { hasArgs, ONBUILD_IN_UNUSED_STAGE } from '../peer';

// DL3060: `yarn install` needs a later `yarn cache clean` (or a cache/tmpfs mount on .cache/yarn),
// judged in the final stage and the stages a FROM builds on.
export const rule = orderedCacheCleanRule({
  id: 'yarn-cache-not-cleaned',
  manager: 'yarn',
  equivalents: ['DL3060'],
  cacheDir: '/usr/local/share/.cache/yarn',
  cleanupFor: () => 'yarn cache clean',
  programs: ['yarn'],
  installs: ['install'],
  cleans: c => hasArgs(c, 'yarn', ['cache', 'clean']),
  mountFragments: ['.cache/yarn'],
  orderOverMount: true,
  judgedStagesOnly: true,
  differsFrom: { DL3060: ONBUILD_IN_UNUSED_STAGE },
});
rule.severity = 'info';
