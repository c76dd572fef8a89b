import type { Rule } from '../types';
import {
  commandsOf,
  isCommand,
  isMergeableRun,
  removeInstruction,
  runScript,
} from '../support';
import { sourceOf } from '../../dockerfile/model';

const UPDATES: Array<[string[], string[]]> = [
  [['apt-get', 'apt'], ['update']],
  [['apk'], ['update']],
  [
    ['yum', 'dnf', 'microdnf'],
    ['update', 'makecache'],
  ],
  [['zypper'], ['refresh', 'ref']],
];
const INSTALLS: Array<[string[], string[]]> = [
  [
    ['apt-get', 'apt'],
    ['install', 'upgrade', 'dist-upgrade', 'full-upgrade', 'build-dep'],
  ],
  [['apk'], ['add', 'upgrade']],
  [
    ['yum', 'dnf', 'microdnf'],
    ['install', 'upgrade', 'groupinstall'],
  ],
  [['zypper'], ['install', 'in', 'update', 'up', 'dist-upgrade', 'dup']],
];

export const rule: Rule = {
  id: 'apt-update-alone',
  title: 'Package index update in a RUN of its own',
  category: 'layers',
  severity: 'warning',
  equivalents: ['DS-0017', 'CIS-DI-0007'],
  description:
    'A RUN with only `apt-get update` is cached: later installs use a stale index and the lists sit in their own layer. Update and install in the same RUN.',
  check({ model }) {
    const hits = [];
    for (const instruction of model.instructions) {
      const commands = commandsOf(instruction);
      const update = UPDATES.find(([p, s]) =>
        commands.some(c => isCommand(c, p, s)),
      );
      if (!update) continue;
      const programs = update[0];
      if (
        INSTALLS.some(
          ([p, s]) =>
            p.some(x => programs.includes(x)) &&
            commands.some(c => isCommand(c, p, s)),
        )
      )
        continue;
      const next = model.instructions[instruction.index + 1];
      // Merge only into a following RUN that installs with the same manager.
      const nextInstalls =
        next &&
        INSTALLS.some(
          ([p, s]) =>
            p.some(x => programs.includes(x)) &&
            commandsOf(next).some(c => isCommand(c, p, s)),
        );
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
          commands.find(c => isCommand(c, programs))!.name
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
