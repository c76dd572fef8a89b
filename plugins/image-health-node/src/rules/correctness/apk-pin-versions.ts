import { pinRule } from './pinning';
import { hasArgs } from '../peer';

// DL3018: `=`, `~`, `>` or `<` in a package, or an `.apk` file, count as pinned.
export const rule = pinRule({
  id: 'apk-pin-versions',
  manager: 'apk',
  equivalents: ['DL3018'],
  example: 'curl=8.5.0-r0',
  program: 'apk',
  installs: c => (hasArgs(c, 'apk', ['add']) ? 'add' : undefined),
  valueFlags: ['-t', '--virtual', '-X', '--repository'],
  pin: p => `${p}=<version>`,
  versionsOf: p => `apk policy ${p}`,
  isPinned: p => /[=~<>]/.test(p) || p.endsWith('.apk'),
});
