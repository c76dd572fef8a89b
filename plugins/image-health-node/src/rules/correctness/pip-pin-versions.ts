import { pinRule } from './pinning';
import { isPipInstall } from '../size/pip-no-cache-dir';

export const rule = pinRule({
  id: 'pip-pin-versions',
  manager: 'pip',
  equivalents: ['DL3013'],
  example: 'requests==2.32.3, or -r requirements.txt with pinned lines',
  installs: c => (isPipInstall(c) ? 'install' : undefined),
  valueFlags: [
    '-r',
    '--requirement',
    '-c',
    '--constraint',
    '-e',
    '--editable',
    '-i',
    '--index-url',
    '--extra-index-url',
    '-f',
    '--find-links',
    '--target',
    '-t',
    '--prefix',
    '--root',
    '--platform',
    '--python-version',
    '--implementation',
    '--abi',
    '--trusted-host',
    '--src',
    '--upgrade-strategy',
    '--progress-bar',
    '--cache-dir',
  ],
  isPinned: p =>
    /(==|>=|<=|~=|!=|===|<|>|@)/.test(p) ||
    /\.(whl|tar\.gz|zip|tar\.bz2)$/.test(p) ||
    p.startsWith('.') ||
    p.startsWith('/') ||
    p.includes('://') ||
    p.startsWith('git+'),
});
