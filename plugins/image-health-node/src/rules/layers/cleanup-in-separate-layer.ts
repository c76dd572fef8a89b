import type { Rule } from '../types';
import type { ShellCommand } from '../../dockerfile/shell';
import {
  commandsOf,
  isCommand,
  isMergeableRun,
  programOf,
  removeInstruction,
  runScript,
} from '../support';
import { sourceOf } from '../../dockerfile/model';

// Programs and subcommands isCleanupCommand asks every command about, built once.
const APT = ['apt-get', 'apt'];
const APT_CLEANUPS = ['clean', 'autoclean', 'autoremove', 'purge', 'remove'];
const RPM = ['yum', 'dnf', 'microdnf', 'zypper'];
const RPM_CLEANUPS = ['clean', 'remove', 'erase'];
const JS_MANAGERS = ['npm', 'yarn'];
const PIP = ['pip', 'pip3'];

/** Commands that only delete things: caches, lists, packages. */
export function isCleanupCommand(command: ShellCommand): boolean {
  const program = programOf(command);
  if (program === 'rm') return true;
  if (isCommand(command, APT, APT_CLEANUPS)) return true;
  if (isCommand(command, RPM, RPM_CLEANUPS)) return true;
  if (isCommand(command, 'apk', 'del')) return true;
  if (isCommand(command, JS_MANAGERS, 'cache')) return true;
  if (isCommand(command, PIP, 'cache')) return true;
  return false;
}

export const rule: Rule = {
  id: 'cleanup-in-separate-layer',
  title: 'Cleanup in a different layer than what it cleans',
  category: 'layers',
  severity: 'warning',
  unshipped: 'silent',
  equivalents: [],
  description:
    'Layers only add: deleting files in a later RUN hides them but the earlier layer still ships them. Clean up in the same RUN that created the files.',
  check({ model }) {
    const hits = [];
    for (const stage of model.stages) {
      const runs = stage.instructions.filter(i => i.keyword === 'RUN');
      for (let r = 1; r < runs.length; r++) {
        const run = runs[r];
        const commands = commandsOf(run).filter(
          c => c.name !== '' && programOf(c) !== 'set',
        );
        if (commands.length === 0 || !commands.every(isCleanupCommand))
          continue;
        const previous = model.instructions[run.index - 1];
        const mergeable =
          previous === runs[r - 1] &&
          isMergeableRun(previous) &&
          isMergeableRun(run);
        const merged = `${sourceOf(model, previous)} \\\n    && ${runScript(
          model,
          run,
        )}`;
        hits.push({
          instruction: run,
          message:
            'this RUN only deletes files made by an earlier layer: the image does not get smaller',
          summary:
            'Move the cleanup to the end of the RUN that created the files.',
          before: mergeable
            ? `${sourceOf(model, previous)}\n${sourceOf(model, run)}`
            : sourceOf(model, run),
          after: mergeable ? merged : undefined,
          edits: mergeable
            ? [
                {
                  start: previous.end,
                  end: previous.end,
                  text: ` \\\n    && ${runScript(model, run)}`,
                },
                removeInstruction(model, run),
              ]
            : undefined,
        });
      }
    }
    return hits;
  },
};
