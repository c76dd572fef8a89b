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
  id: 'apt-get-missing-yes',
  title: 'apt-get install without -y',
  category: 'correctness',
  severity: 'warning',
  equivalents: ['DL3014', 'DS-0021'],
  description:
    'Without -y (or --yes, --assume-yes, -qq) apt-get asks for confirmation and the non-interactive build aborts.',
  docsUrl: 'https://github.com/hadolint/hadolint/wiki/DL3014',
  check({ model }) {
    return eachCommand(model, (command, instruction) => {
      if (!isCommand(command, 'apt-get', 'install')) return undefined;
      if (
        hasFlag(command, '-y', '--yes', '--assume-yes', '-qq') ||
        command.args.some(a => a === '-q=2' || a === '--quiet=2')
      )
        return undefined;
      return {
        instruction,
        message: 'apt-get install will wait for a confirmation nobody gives',
        summary: 'Add -y to apt-get install.',
        edits: compact([
          insertAfter(instruction, wordOf(command, 'install'), ' -y'),
        ]),
      };
    });
  },
};
