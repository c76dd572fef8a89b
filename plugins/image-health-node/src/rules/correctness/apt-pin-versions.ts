import { pinRule } from './pinning';
import { isCommand } from '../support';

export const rule = pinRule({
  id: 'apt-pin-versions',
  manager: 'apt-get',
  equivalents: ['DL3008'],
  example: 'curl=8.5.0-2',
  installs: c => (isCommand(c, 'apt-get', 'install') ? 'install' : undefined),
  valueFlags: [
    '-o',
    '-t',
    '-c',
    '--target-release',
    '--option',
    '--config-file',
  ],
  isPinned: p =>
    p.includes('=') ||
    p.endsWith('.deb') ||
    p.startsWith('/') ||
    p.startsWith('./'),
});
