import type { Rule } from '../types';
import type { ShellCommand } from '../../dockerfile/shell';
import { appendToRun, isCommand, runHas } from '../support';
import type { Instruction } from '../../dockerfile/model';
import { commandsNamed } from '../peerCommands';
import {
  runCommands,
  hasCacheOrTmpfsMountWith,
  judgedStages,
  nameOf,
  ONBUILD_IN_UNUSED_STAGE,
} from '../peer';

// As DL3009 reads a cleanup: an `rm` with `-rf` or with `/var/lib/apt/lists/*`.
const cleansLists = (c: ShellCommand) =>
  nameOf(c) === 'rm' &&
  (c.args.includes('-rf') || c.args.includes('/var/lib/apt/lists/*'));

export const rule: Rule = {
  id: 'apt-lists-not-removed',
  title: 'apt lists left in the layer',
  category: 'size',
  severity: 'info',
  unshipped: 'silent',
  // DKL-DI-0005 ("Clear apt-get caches"): dockle reports a history RUN with `apt-get install`
  // and no `rm -rf /var/lib/apt/lists`.
  equivalents: ['DL3009', 'DKL-DI-0005'],
  differsFrom: { DL3009: ONBUILD_IN_UNUSED_STAGE },
  description:
    '`apt-get update` downloads package lists (~20-40 MB) into /var/lib/apt/lists. Remove them in the same RUN, or they stay in the layer forever. Like hadolint, only stages that end up in the image (the final stage and stages it builds on) are checked, and a cache mount on /var/lib/apt is accepted.',
  docsUrl: 'https://github.com/hadolint/hadolint/wiki/DL3009',
  check({ model }) {
    // The RUNs with an `update`, found through the apt commands alone: most
    // files have few (asking every command of every RUN: 1.5 → 0.7 ms per
    // corpus pass).
    const updating = new Set<Instruction>();
    for (const name of ['apt-get', 'apt', 'aptitude'])
      for (const [command, instruction] of commandsNamed(model, name))
        if (command.args.includes('update')) updating.add(instruction);
    if (updating.size === 0) return [];
    const judged = judgedStages(model);
    // A RUN before any FROM has no stage; hadolint judges it like any other.
    return model.instructions
      .filter(i => {
        const stage = model.stages[i.stage];
        return updating.has(i) && (!stage || judged.has(stage));
      })
      .filter(i => !runCommands(model, i).some(cleansLists))
      .filter(
        i =>
          !hasCacheOrTmpfsMountWith(i, '/var/lib/apt/lists') &&
          !(
            hasCacheOrTmpfsMountWith(i, '/var/lib/apt') &&
            hasCacheOrTmpfsMountWith(i, '/var/cache/apt')
          ),
      )
      .map(instruction => {
        return {
          instruction,
          message: 'apt update leaves /var/lib/apt/lists in this layer',
          summary: 'End the same RUN with && rm -rf /var/lib/apt/lists/*',
          // A RUN that only updates is merged into the next install by apt-update-alone; cleaning here would remove the lists before that install.
          edits: runHas(instruction, c =>
            isCommand(c, ['apt-get', 'apt'], 'install'),
          )
            ? appendToRun(
                instruction,
                runCommands(model, instruction),
                'rm -rf /var/lib/apt/lists/*',
              )
            : [],
        };
      });
  },
};
