import type { Rule } from '../types';
import {
  hasCacheMount,
  insertAfter,
  isCommand,
  programOf,
  runHas,
  compact,
} from '../support';

function cleansLists(args: string[]): boolean {
  return args.some(a => /^\/var\/lib\/apt\/lists(\/\*?)?$/.test(a));
}

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
    const shipped = new Set<number>();
    for (
      let s = model.stages.find(x => x.final);
      s;
      s = s.baseStage !== undefined ? model.stages[s.baseStage] : undefined
    ) {
      if (shipped.has(s.index)) break;
      shipped.add(s.index);
    }
    return model.stages
      .filter(s => shipped.has(s.index))
      .flatMap(stage => stage.instructions)
      .filter(i => i.keyword === 'RUN')
      .filter(i => runHas(i, c => isCommand(c, 'apt-get', 'update')))
      .filter(
        i => !runHas(i, c => programOf(c) === 'rm' && cleansLists(c.args)),
      )
      .filter(i => !hasCacheMount(i, '/var/lib/apt/lists', '/var/lib/apt'))
      .map(instruction => {
        const commands = instruction.shell!.commands.filter(c => !c.nested);
        const last = commands[commands.length - 1];
        return {
          instruction,
          message: 'apt-get update leaves /var/lib/apt/lists in this layer',
          summary: 'End the same RUN with && rm -rf /var/lib/apt/lists/*',
          // A RUN that only updates is merged into the next install by apt-update-alone; cleaning here would remove the lists before that install.
          edits:
            last &&
            last.terminator === '' &&
            runHas(instruction, c =>
              isCommand(c, ['apt-get', 'apt'], 'install'),
            )
              ? compact([
                  insertAfter(
                    instruction,
                    last.words[last.words.length - 1],
                    ' \\\n    && rm -rf /var/lib/apt/lists/*',
                  ),
                ])
              : [],
        };
      });
  },
};
