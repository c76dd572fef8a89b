import { cacheCleanRule } from './package-cache';
import { isCommand } from '../support';

export const rule = cacheCleanRule({
  id: 'yarn-cache-not-cleaned',
  manager: 'yarn',
  programs: ['yarn'],
  installs: ['install'],
  equivalents: ['DL3060'],
  cleanup: 'yarn cache clean',
  isCleanup: c => isCommand(c, 'yarn', 'cache') && c.args.includes('clean'),
  cacheDir: '/usr/local/share/.cache/yarn',
});
rule.severity = 'info';
