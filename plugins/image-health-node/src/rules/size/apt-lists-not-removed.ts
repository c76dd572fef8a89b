import type { Rule } from '../types';
import type { ShellCommand } from '../../dockerfile/shell';
import { appendToRun, isCommand, runHas } from '../support';
import {
  runCommands,
  hasCacheOrTmpfsMountWith,
  judgedStages,
  nameOf,
} from '../peer';

const updates = (c: ShellCommand) =>
  ['apt-get', 'apt', 'aptitude'].includes(nameOf(c)) &&
  c.args.includes('update');

// As DL3009 reads a cleanup: an `rm` with `-rf` or with `/var/lib/apt/lists/*`.
const cleansLists = (c: ShellCommand) =>
  nameOf(c) === 'rm' &&
  (c.args.includes('-rf') || c.args.includes('/var/lib/apt/lists/*'));

export const rule: Rule = {
  id: 'apt-lists-not-removed',
  title: 'apt lists left in the layer',
  category: 'size',
  severity: 'info',
  equivalents: ['DL3009'],
  description:
    '`apt-get update` downloads package lists (~20-40 MB) into /var/lib/apt/lists. Remove them in the same RUN, or they stay in the layer forever. Like hadolint, only stages that end up in the image (the final stage and stages it builds on) are checked, and a cache mount on /var/lib/apt is accepted.',
  docsUrl: 'https://github.com/hadolint/hadolint/wiki/DL3009',
  check({ model }) {
    const judged = judgedStages(model);
    return model.stages
      .filter(s => judged.has(s))
      .flatMap(stage => stage.instructions)
      .filter(i => {
        const commands = runCommands(model, i);
        return commands.some(updates) && !commands.some(cleansLists);
      })
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
