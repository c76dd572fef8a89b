import type { Rule, RuleHit } from '../types';
import type { ShellCommand } from '../../dockerfile/shell';
import type { DockerfileModel, Instruction } from '../../dockerfile/model';
import { compact, insertAfter } from '../support';
import { hadolintArgs, hadolintCommand, hadolintFlags, nameOf } from '../peer';
import { runsWithCommandsNamed } from '../peerCommands';

/**
 * DL3046: `useradd` with `-u`/`--uid` and without `-l`/`--no-log-init`, where
 * the argument after a `-u` is longer than five characters (as hadolint renders
 * it: `$APP_UID` counts as `${APP_UID}`).
 */
export function forgetsNoLogInit(
  model: DockerfileModel,
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
      hadolintArgs(model, command, instruction)[f.at + 1].length > 5,
  );
}

export const rule: Rule = {
  id: 'useradd-high-uid-without-l',
  title: 'useradd with a high UID and without -l',
  category: 'size',
  severity: 'warning',
  unshipped: 'silent',
  equivalents: ['DL3046'],
  description:
    '`useradd -u 100000` records the user in /var/log/lastlog and faillog, sparse files sized by the highest UID: the layer can grow by gigabytes. Add `-l` (`--no-log-init`) so those logs are not written.',
  docsUrl: 'https://github.com/hadolint/hadolint/wiki/DL3046',
  check({ model }) {
    const hits: RuleHit[] = [];
    // One finding per RUN (or ONBUILD RUN), as hadolint reports it; only the
    // RUNs that run useradd are visited (1.7 → 0.2 ms per corpus pass).
    for (const { instruction, commands } of runsWithCommandsNamed(
      model,
      'useradd',
    )) {
      const offending = commands.filter(c =>
        forgetsNoLogInit(model, c, instruction),
      );
      if (offending.length === 0) continue;
      const edits =
        instruction.keyword === 'RUN'
          ? compact(
              offending.map(c =>
                insertAfter(instruction, c.words[hadolintCommand(c).at], ' -l'),
              ),
            )
          : [];
      hits.push({
        instruction,
        message: `useradd ${offending[0].args.join(
          ' ',
        )} writes lastlog and faillog entries sized by the UID`,
        summary: 'Add -l (--no-log-init) to useradd.',
        ...(edits.length === offending.length ? { edits } : {}),
      });
    }
    return hits;
  },
};
