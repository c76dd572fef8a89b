import { orderedCacheCleanRule } from './package-cache';
import { hasArgs } from '../peer';

// DL3060: `yarn install` needs a later `yarn cache clean` (or a cache/tmpfs mount on .cache/yarn),
// judged in the final stage and the stages a FROM builds on.
export const rule = orderedCacheCleanRule({
  id: 'yarn-cache-not-cleaned',
  manager: 'yarn',
  equivalents: ['DL3060'],
  cacheDir: '/usr/local/share/.cache/yarn',
  cleanupFor: () => 'yarn cache clean',
  installs: c => hasArgs(c, 'yarn', ['install']),
  cleans: c => hasArgs(c, 'yarn', ['cache', 'clean']),
  mountFragments: ['.cache/yarn'],
  orderOverMount: true,
  judgedStagesOnly: true,
});
rule.severity = 'info';
