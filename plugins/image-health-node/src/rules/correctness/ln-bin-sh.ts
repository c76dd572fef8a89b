import type { Rule, RuleHit } from '../types';
import { runsWithCommandsNamed } from '../peerCommands';

/** DL4005: `ln … /bin/sh` swaps the shell under every later RUN; SHELL says so in the Dockerfile. */
export const rule: Rule = {
  id: 'ln-bin-sh',
  title: 'Default shell changed with ln',
  category: 'correctness',
  severity: 'warning',
  equivalents: ['DL4005'],
  description:
    'Linking another shell over /bin/sh changes the shell of the image for every program that calls /bin/sh, not just for the build. To run RUN lines with bash, say `SHELL ["/bin/bash", "-c"]`.',
  docsUrl: 'https://github.com/hadolint/hadolint/wiki/DL4005',
  check({ model }) {
    const hits: RuleHit[] = [];
    // One finding per RUN (or ONBUILD RUN, or a RUN before FROM), as hadolint
    // reports it; only the RUNs that run ln are visited (3.3 → 0.4 ms per
    // corpus pass).
    for (const { instruction, commands } of runsWithCommandsNamed(
      model,
      'ln',
    )) {
      const ln = commands.find(c => c.args.includes('/bin/sh'));
      if (!ln) continue;
      const shell =
        ln.args.find(a => a.startsWith('/') && a !== '/bin/sh') ?? '/bin/bash';
      hits.push({
        instruction,
        message: `ln ${ln.args.join(' ')} replaces the image's /bin/sh`,
        summary: `Keep /bin/sh and run later RUN lines with SHELL ["${shell}", "-c"].`,
      });
    }
    return hits;
  },
};
