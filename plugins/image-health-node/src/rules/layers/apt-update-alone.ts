import type { Rule } from '../types';
import type { DockerfileModel } from '../../dockerfile/model';
import type { ShellCommand } from '../../dockerfile/shell';
import {
  commandsOf,
  isMergeableRun,
  removeInstruction,
  runScript,
} from '../support';
import { sourceOf } from '../../dockerfile/model';

/** The managers DS-0017 knows; apt and apt-get count as one. */
const MANAGERS = [['apt-get', 'apt'], ['yum'], ['apk'], ['dnf'], ['zypper']];
const UPDATE_WORDS = ['update', 'up'];
const INSTALL_WORDS = [
  'upgrade',
  'install',
  'source-install',
  'reinstall',
  'groupinstall',
  'localinstall',
  'add',
];

/**
 * Whether `command` is one of `programs`, by name as written (not hadolint's
 * reading of `exec`/`command` wrappers: this is Trivy's check), with one of
 * `words` among its arguments.
 */
function runsWith(
  command: ShellCommand,
  programs: readonly string[],
  words: readonly string[],
): boolean {
  return (
    programs.includes(command.name) && command.args.some(a => words.includes(a))
  );
}

/** Positions of the commands of `manager` that carry one of `words` among their arguments. */
function indexesOf(
  commands: readonly ShellCommand[],
  manager: string[],
  words: string[],
): number[] {
  const found: number[] = [];
  commands.forEach((c, k) => {
    if (runsWith(c, manager, words)) found.push(k);
  });
  return found;
}

/** As DS-0017: an update with no install of the same manager after it in the RUN. */
function updateAlone(commands: readonly ShellCommand[]): string[] | undefined {
  return MANAGERS.find(manager => {
    const updates = indexesOf(commands, manager, UPDATE_WORDS);
    if (updates.length === 0) return false;
    const installs = indexesOf(commands, manager, INSTALL_WORDS);
    return !updates.some(u => installs.some(i => u < i));
  });
}

export const rule: Rule = {
  id: 'apt-update-alone',
  title: 'Package index update in a RUN of its own',
  category: 'layers',
  severity: 'warning',
  equivalents: ['DS-0017', 'CIS-DI-0007'],
  description:
    'A RUN with only `apt-get update` is cached: later installs use a stale index and the lists sit in their own layer. Update and install in the same RUN. Like Trivy, an update (`update`/`up` of apt, apt-get, yum, dnf, apk, zypper) must be followed in its RUN by an install, add or upgrade of the same manager; unlike Trivy, an apt update is reported only when a later RUN of the stage installs with apt (otherwise nothing reads the stale index, issue 13).',
  check({ model }) {
    const hits = [];
    let lastAptInstall: Map<number, number> | undefined;
    for (const instruction of model.instructions) {
      const commands = commandsOf(instruction);
      if (commands.length === 0) continue;
      const programs = updateAlone(commands);
      if (!programs) continue;
      // Without a later apt install in the stage, nothing reads the index: the
      // update is only wasted bytes (apt-lists-not-removed says so). The other
      // managers' `update` also upgrades packages, so it is judged as Trivy does.
      lastAptInstall ??= lastAptInstallByStage(model);
      if (
        programs.includes('apt-get') &&
        !((lastAptInstall.get(instruction.stage) ?? -1) > instruction.index)
      )
        continue;
      const next = model.instructions[instruction.index + 1];
      // Merge only into a following RUN that installs with the same manager.
      const nextInstalls =
        next && indexesOf(commandsOf(next), programs, INSTALL_WORDS).length > 0;
      const mergeable =
        next &&
        nextInstalls &&
        next.stage === instruction.stage &&
        isMergeableRun(instruction) &&
        isMergeableRun(next);
      const merged = mergeable
        ? `${sourceOf(model, instruction)} \\\n    && ${runScript(model, next)}`
        : undefined;
      hits.push({
        instruction,
        message: `${
          commands.find(c => runsWith(c, programs, UPDATE_WORDS))!.name
        } update runs alone: the next install may use a stale cached index`,
        summary: 'Run the update and the install in the same RUN.',
        before: mergeable
          ? `${sourceOf(model, instruction)}\n${sourceOf(model, next)}`
          : undefined,
        after: merged,
        edits: mergeable
          ? [
              {
                start: instruction.end,
                end: instruction.end,
                text: ` \\\n    && ${runScript(model, next)}`,
              },
              removeInstruction(model, next),
            ]
          : undefined,
      });
    }
    return hits;
  },
};

/** The index of each stage's last RUN that installs with apt, read once. */
function lastAptInstallByStage(model: DockerfileModel): Map<number, number> {
  const last = new Map<number, number>();
  for (const i of model.instructions)
    if (indexesOf(commandsOf(i), MANAGERS[0], INSTALL_WORDS).length > 0)
      last.set(i.stage, i.index);
  return last;
}
