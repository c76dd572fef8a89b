import type { Rule } from '../types';
import type { ShellCommand } from '../../dockerfile/shell';
import { compact, hasFlag, insertAfter, wordOf } from '../support';
import { eachCommandNamed } from '../peerCommands';
import { hasArgs } from '../peer';

/** Quiet level 2 (`-qq`, `-q -q`, `--quiet --quiet`, `-q=2`) implies yes; so DL3014 counts the q's. */
function quietTwice(command: ShellCommand): boolean {
  let q = 0;
  let quiet = 0;
  for (const arg of command.args) {
    if (arg === '--') break;
    if (arg.startsWith('--')) {
      if (arg.slice(2).split('=')[0] === 'quiet') quiet++;
    } else if (arg.startsWith('-')) {
      for (const c of arg.slice(1)) if (c === 'q') q++;
    }
  }
  return q === 2 || quiet === 2 || command.args.includes('-q=2');
}

export const rule: Rule = {
  id: 'apt-get-missing-yes',
  title: 'apt-get install without -y',
  category: 'correctness',
  severity: 'warning',
  // DS-0021 agrees on trivy-checks' cases (rules/trivyChecks.test.ts); Trivy does not take -qq as a
  // yes (this rule, as hadolint, stays silent there) and judges the whole RUN text at once.
  equivalents: ['DL3014', 'DS-0021'],
  description:
    'Without -y (or --yes, --assume-yes, -qq) apt-get asks for confirmation and the non-interactive build aborts.',
  docsUrl: 'https://github.com/hadolint/hadolint/wiki/DL3014',
  check({ model }) {
    return eachCommandNamed(model, 'apt-get', (command, instruction) => {
      if (!hasArgs(command, 'apt-get', ['install'])) return undefined;
      if (
        hasFlag(command, '-y', '--yes', '--assume-yes', '--qq') ||
        quietTwice(command)
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
