import { pinRule } from './pinning';
import { nameOf } from '../peer';
import type { ShellCommand } from '../../dockerfile/shell';

const VALUE_FLAGS = ['--loglevel', '--registry'];

/** The first word that is neither a flag nor a flag's value. */
function firstOperand(command: ShellCommand): string | undefined {
  for (let i = 0; i < command.args.length; i++) {
    const arg = command.args[i];
    if (VALUE_FLAGS.includes(arg)) i++;
    else if (!arg.startsWith('-')) return arg;
  }
  return undefined;
}

/** A scoped name's own `@` does not pin it: `@scope/name` vs `@scope/name@1.2.3`. */
function hasVersion(pkg: string): boolean {
  return pkg.indexOf('@', pkg.startsWith('@') ? 1 : 0) >= 0;
}

// DL3016 judges `npm install` only (not `npm i` / `npm add`): `name@version`, a git URL with `#ref`,
// a tarball (.tar, .tar.gz, .tgz) or a folder (/, ./, ../, ~/) counts as pinned; any other URL does not.
export const rule = pinRule({
  id: 'npm-pin-versions',
  manager: 'npm',
  equivalents: ['DL3016'],
  example: 'typescript@5.6.3',
  program: 'npm',
  installs: c =>
    nameOf(c) === 'npm' && firstOperand(c) === 'install'
      ? 'install'
      : undefined,
  valueFlags: VALUE_FLAGS,
  pin: p => `${p}@<version>`,
  versionsOf: p => `npm view ${p} versions`,
  isPinned: p => {
    if (/^(git|git\+ssh|git\+http|git\+https):\/\//.test(p))
      return p.includes('#');
    if (/\.(tar|tar\.gz|tgz)$/.test(p)) return true;
    if (/^(\/|\.\/|\.\.\/|~\/)/.test(p)) return true;
    return hasVersion(p);
  },
});
