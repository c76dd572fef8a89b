import { pinRule } from './pinning';
import { isCommand } from '../support';

// DL3018: `=`, `~`, `>` or `<` in a package, or an `.apk` file, count as pinned.
export const rule = pinRule({
  id: 'apk-pin-versions',
  manager: 'apk',
  equivalents: ['DL3018'],
  example: 'curl=8.5.0-r0',
  installs: c => (isCommand(c, 'apk', 'add') ? 'add' : undefined),
  valueFlags: ['-t', '--virtual', '-X', '--repository'],
  isPinned: p => /[=~<>]/.test(p) || p.endsWith('.apk'),
});
