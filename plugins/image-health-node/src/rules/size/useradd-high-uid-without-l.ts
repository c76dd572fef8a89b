import type { Rule } from '../types';
import type { ShellCommand } from '../../dockerfile/shell';
import type { Instruction } from '../../dockerfile/model';
import { insertAfter } from '../support';
import { eachCommandWithOnbuild, nameOf } from '../peer';
import { hadolintArgs } from '../correctness/rpm-pinning';

/**
 * The flags of a command as hadolint reads them: `--name=value` is `name`,
 * `-abc` is `a`, `b` and `c` (a value glued on, as in `-u1000`, is read as
 * letters too), `-` and `--` are not flags. Each with the index of its argument.
 */
export function hadolintFlags(
  command: ShellCommand,
): Array<{ flag: string; at: number }> {
  const flags: Array<{ flag: string; at: number }> = [];
  command.args.forEach((arg, at) => {
    if (arg === '-' || arg === '--' || arg[0] !== '-') return;
    if (arg.startsWith('--'))
      flags.push({ flag: arg.slice(2).split('=')[0], at });
    else for (const flag of arg.slice(1)) flags.push({ flag, at });
  });
  return flags;
}

/**
 * DL3046: `useradd` with `-u`/`--uid` and without `-l`/`--no-log-init`, where
 * the argument after a `-u` is longer than five characters (as hadolint renders
 * it: `$APP_UID` counts as `${APP_UID}`).
 */
export function forgetsNoLogInit(
  command: ShellCommand,
  instruction: Instruction,
): boolean {
  if (nameOf(command) !== 'useradd') return false;
  const flags = hadolintFlags(command);
  const has = (...names: string[]) => flags.some(f => names.includes(f.flag));
  if (has('l', 'no-log-init') || !has('u', 'uid')) return false;
  return flags.some(
    f =>
      f.flag === 'u' &&
      f.at + 1 < command.args.length &&
      hadolintArgs(command, instruction)[f.at + 1].length > 5,
  );
}

export const rule: Rule = {
  id: 'useradd-high-uid-without-l',
  title: 'useradd with a high UID and without -l',
  category: 'size',
  severity: 'warning',
  equivalents: ['DL3046'],
  description:
    '`useradd -u 100000` records the user in /var/log/lastlog and faillog, sparse files sized by the highest UID: the layer can grow by gigabytes. Add `-l` (`--no-log-init`) so those logs are not written.',
  docsUrl: 'https://github.com/hadolint/hadolint/wiki/DL3046',
  check({ model }) {
    return eachCommandWithOnbuild(model, (command, instruction) => {
      if (!forgetsNoLogInit(command, instruction)) return undefined;
      const edit =
        instruction.keyword === 'RUN'
          ? insertAfter(instruction, command.words[0], ' -l')
          : undefined;
      return {
        instruction,
        message: `useradd ${command.args.join(
          ' ',
        )} writes lastlog and faillog entries sized by the UID`,
        summary: 'Add -l (--no-log-init) to useradd.',
        ...(edit ? { edits: [edit] } : {}),
      };
    });
  },
};
