import type { Rule } from '../types';
import {
  compact,
  eachCommand,
  hasFlag,
  insertAfter,
  isCommand,
  wordOf,
} from '../support';

export const rule: Rule = {
  id: 'apt-no-install-recommends',
  title: 'apt-get install without --no-install-recommends',
  category: 'size',
  severity: 'info',
  equivalents: ['DL3015', 'DS-0029'],
  description:
    'apt installs "recommended" packages by default, often tens of MB the service never uses. `--no-install-recommends` installs what you named and its dependencies only.',
  docsUrl: 'https://github.com/hadolint/hadolint/wiki/DL3015',
  check({ model }) {
    return eachCommand(model, (command, instruction) => {
      if (!isCommand(command, 'apt-get', 'install')) return undefined;
      if (hasFlag(command, '--no-install-recommends')) return undefined;
      if (
        command.args.some(a => /^APT::Install-Recommends=(false|0)$/i.test(a))
      )
        return undefined;
      return {
        instruction,
        message: 'apt-get install also installs recommended packages',
        summary: 'Add --no-install-recommends to apt-get install.',
        edits: compact([
          insertAfter(
            instruction,
            wordOf(command, 'install'),
            ' --no-install-recommends',
          ),
        ]),
      };
    });
  },
};
