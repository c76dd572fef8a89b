import type { Rule } from '../types';
import { replaceWord, compact } from '../support';
import { eachCommandNamed } from '../peerCommands';

export const rule: Rule = {
  id: 'use-apt-get',
  title: 'apt used instead of apt-get',
  category: 'correctness',
  severity: 'warning',
  equivalents: ['DL3027'],
  description:
    '`apt` is for people at a terminal; its output and options are not stable for scripts. Use apt-get or apt-cache.',
  docsUrl: 'https://github.com/hadolint/hadolint/wiki/DL3027',
  check({ model }) {
    return eachCommandNamed(model, 'apt', (command, instruction) => {
      const sub = command.args.find(a => !a.startsWith('-'));
      const replacement =
        sub === 'search' || sub === 'show' || sub === 'policy'
          ? 'apt-cache'
          : 'apt-get';
      return {
        instruction,
        message: `apt ${sub ?? ''} is meant for interactive use`,
        summary: `Use ${replacement} ${sub ?? ''}.`,
        edits: compact([
          replaceWord(instruction, command.words[0], replacement),
        ]),
      };
    });
  },
};
