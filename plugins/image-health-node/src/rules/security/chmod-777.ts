import type { Rule } from '../types';
import {
  eachCommand,
  laterMentions,
  mentionedAfter,
  programOf,
  type LaterMentions,
} from '../support';
import type { Instruction } from '../../dockerfile/model';

/** 777, 0666, a+w, o+rwx: others may write. Sticky modes such as 1777 (/tmp) are fine. */
export function isWorldWritable(mode: string): boolean {
  if (/^[0-7]{3,4}$/.test(mode)) {
    if (mode.length === 4 && (Number(mode[0]) & 1) === 1) return false;
    return (Number(mode[mode.length - 1]) & 2) === 2;
  }
  return /(^|,)[ugo]*[ao][ugo]*\+[rwxXst]*w/.test(mode);
}

export const rule: Rule = {
  id: 'chmod-777',
  title: 'World-writable permissions',
  category: 'security',
  severity: 'warning',
  unshipped: 'info',
  equivalents: [],
  description:
    '`chmod 777` (or a+rwx, o+w) lets any process in the container rewrite the files, including the app’s own code. Give ownership to the app user and keep 755/644. A scratch directory the same RUN removes again is not reported.',
  check({ model }) {
    let last: Instruction | undefined;
    let removals: LaterMentions | undefined;
    const hits = eachCommand(model, (command, instruction) => {
      if (programOf(command) !== 'chmod') return undefined;
      const mode = command.args.find(isWorldWritable);
      if (!mode) return undefined;
      // A scratch directory the same RUN deletes again never ships (the
      // official nginx image's mktemp dir, opened for apt's _apt user).
      const targets = command.args.filter(
        a => a !== mode && !a.startsWith('-'),
      );
      if (instruction !== last) {
        last = instruction;
        removals = laterMentions(instruction, c => c.program === 'rm');
      }
      if (
        targets.length > 0 &&
        // A later `rm` of the same RUN removes the path (as written).
        targets.every(t => mentionedAfter(removals!, command, t))
      )
        return undefined;
      return {
        instruction,
        message: `chmod ${mode} makes files world-writable`,
        summary: 'Use chown to the app user and modes such as 755 / 644.',
      };
    });
    for (const instruction of model.instructions) {
      const chmod = instruction.flags.find(f => f.name === 'chmod');
      if (chmod?.value && isWorldWritable(chmod.value)) {
        hits.push({
          instruction,
          message: `--chmod=${chmod.value} makes the copied files world-writable`,
          summary: 'Use --chown=<app user> with --chmod=755 or 644.',
        });
      }
    }
    return hits;
  },
};
