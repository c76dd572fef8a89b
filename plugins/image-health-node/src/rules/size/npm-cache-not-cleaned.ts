import { cacheCleanRule } from './package-cache';
import { isCommand } from '../support';

export const rule = cacheCleanRule({
  id: 'npm-cache-not-cleaned',
  manager: 'npm',
  programs: ['npm'],
  installs: ['ci', 'install', 'i'],
  equivalents: [],
  cleanup: 'npm cache clean --force',
  isCleanup: c => isCommand(c, 'npm', 'cache') && c.args.includes('clean'),
  cacheDir: '/root/.npm',
});
rule.severity = 'info';
