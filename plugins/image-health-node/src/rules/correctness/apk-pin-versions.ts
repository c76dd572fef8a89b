import { pinRule } from './pinning';
import { isCommand } from '../support';

export const rule = pinRule({
  id: 'apk-pin-versions',
  manager: 'apk',
  equivalents: ['DL3018'],
  example: 'curl=8.5.0-r0',
  installs: c => (isCommand(c, 'apk', 'add') ? 'add' : undefined),
  valueFlags: [
    '-t',
    '--virtual',
    '-X',
    '--repository',
    '--root',
    '-p',
    '--repositories-file',
  ],
  isPinned: p =>
    p.includes('=') ||
    p.endsWith('.apk') ||
    p.startsWith('/') ||
    p.startsWith('./'),
});
