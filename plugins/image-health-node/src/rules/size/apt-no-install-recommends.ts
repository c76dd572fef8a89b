import type { Rule } from '../types';
import { compact, hasFlag, insertAfter, wordOf } from '../support';
import { eachCommandNamed } from '../peerCommands';
import { hasArgs } from '../peer';

export const rule: Rule = {
  id: 'apt-no-install-recommends',
  title: 'apt-get install without --no-install-recommends',
  category: 'size',
  severity: 'info',
  unshipped: 'silent',
  // DS-0029 agrees on trivy-checks' cases (rules/trivyChecks.test.ts); Trivy does not take
  // -o APT::Install-Recommends=false (this rule, as hadolint, stays silent there).
  equivalents: ['DL3015', 'DS-0029'],
  description:
    'apt installs "recommended" packages by default, often tens of MB the service never uses. `--no-install-recommends` installs what you named and its dependencies only.',
  docsUrl: 'https://github.com/hadolint/hadolint/wiki/DL3015',
  check({ model }) {
    return eachCommandNamed(model, 'apt-get', (command, instruction) => {
      if (!hasArgs(command, 'apt-get', ['install'])) return undefined;
      if (
        hasFlag(command, '--no-install-recommends') ||
        command.args.includes('APT::Install-Recommends=false')
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
