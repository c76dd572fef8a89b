import type { Rule, RuleHit } from '../types';
import { eachCommandNamed } from '../peerCommands';
import { hadolintDocsUrl, hasArgs } from '../peer';

const equivalents = ['DL3035'];

/** DL3035: `zypper dist-upgrade` (or `dup`) in a RUN or `ONBUILD RUN`. */
export const rule: Rule = {
  id: 'zypper-dist-upgrade',
  title: "'zypper dist-upgrade' used",
  category: 'correctness',
  severity: 'warning',
  equivalents,
  description:
    '`zypper dist-upgrade` moves the image to whatever the repositories hold on the day of the build: two builds of one commit differ, and a layer duplicates much of the base. Build on a newer base image tag instead.',
  docsUrl: hadolintDocsUrl(equivalents),
  check({ model }) {
    return eachCommandNamed<RuleHit>(model, 'zypper', (command, instruction) =>
      hasArgs(command, 'zypper', ['dist-upgrade', 'dup'])
        ? {
            instruction,
            message: `zypper ${command.args.find(
              a => a === 'dist-upgrade' || a === 'dup',
            )} upgrades the whole distribution during the build`,
            summary:
              'Drop the upgrade and build on a newer base image tag (openSUSE publishes refreshed images).',
          }
        : undefined,
    );
  },
};
