import { pinRule } from './pinning';
import { hasFlag } from '../support';
import { isPipInstall } from '../size/pip-no-cache-dir';
import { nameOf } from '../peer';

/** Schemes pip reads as version control (`git+https://…`); such a package is pinned by `@ref`. */
const VCS =
  /^(git\+file|git\+https|git\+ssh|git\+http|git\+git|git|hg\+file|hg\+http|hg\+https|hg\+ssh|hg\+static-http|svn|svn\+svn|svn\+http|svn\+https|svn\+ssh|bzr\+http|bzr\+https|bzr\+ssh|bzr\+sftp|bzr\+ftp|bzr\+lp)/;

// DL3013: `-r`/`--requirement`, `.` or a constraints file (`-c`) exempt the whole install; a package is
// pinned by a version specifier, `@ref` on a VCS URL, a .whl/.tar.gz file or a path / URL with `/`.
export const rule = pinRule({
  id: 'pip-pin-versions',
  manager: 'pip',
  equivalents: ['DL3013'],
  example: 'requests==2.32.3, or -r requirements.txt with pinned lines',
  installs: c =>
    isPipInstall(c, nameOf(c)) &&
    !c.args.some(a => a === '-r' || a === '--requirement' || a === '.') &&
    !hasFlag(c, '-c', '--constraint')
      ? 'install'
      : undefined,
  valueFlags: [
    '--abi',
    '-b',
    '--build',
    '-e',
    '--editable',
    '--extra-index-url',
    '-f',
    '--find-links',
    '-i',
    '--index-url',
    '--implementation',
    '--no-binary',
    '--only-binary',
    '--platform',
    '--prefix',
    '--progress-bar',
    '--proxy',
    '--python',
    '--python-version',
    '--root',
    '--root-user-action',
    '--src',
    '-t',
    '--target',
    '--trusted-host',
    '--upgrade-strategy',
  ],
  pin: p => `${p}==<version>`,
  versionsOf: p => `pip index versions ${p}`,
  isPinned: p => {
    if (/(==|>=|<=|>|<|!=|~=)/.test(p)) return true;
    const file = p.endsWith('.whl') || p.endsWith('.tar.gz');
    return VCS.test(p) ? file || p.includes('@') : file || p.includes('/');
  },
});
