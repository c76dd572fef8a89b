import { pinRule } from './pinning';
import { hasArgs } from '../peer';

// DL3008: `pkg=version`, `pkg/release`, a path with `/` and a `.deb` file count as pinned.
export const rule = pinRule({
  id: 'apt-pin-versions',
  manager: 'apt-get',
  equivalents: ['DL3008'],
  example: 'curl=8.5.0-2',
  program: 'apt-get',
  installs: c => (hasArgs(c, 'apt-get', ['install']) ? 'install' : undefined),
  valueFlags: ['-t', '--target-release'],
  pin: p => `${p}=<version>`,
  versionsOf: p => `apt-cache policy ${p}`,
  isPinned: p => p.includes('=') || p.includes('/') || p.endsWith('.deb'),
});
