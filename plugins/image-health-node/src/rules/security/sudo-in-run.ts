import type { Rule } from '../types';
import { eachCommandNamed } from '../peerCommands';

export const rule: Rule = {
  id: 'sudo-in-run',
  title: 'sudo in RUN',
  category: 'security',
  severity: 'error',
  // DS-0010 agrees on trivy-checks' cases (rules/trivyChecks.test.ts); Trivy only sees sudo at the
  // start of an &&-separated part of the RUN text, so sudo after `;` or `|` is ours alone.
  // DKL-DI-0001: dockle reports any RUN (in the image history) with a `sudo` word.
  equivalents: ['DL3004', 'DS-0010', 'DKL-DI-0001'],
  description:
    'sudo has unpredictable TTY and signal behaviour and keeps a privilege-escalation path in the image. Use USER root for the steps that need it, then switch back; use gosu for entrypoints.',
  docsUrl: 'https://github.com/hadolint/hadolint/wiki/DL3004',
  check({ model }) {
    const seen = new Set<number>();
    return eachCommandNamed(model, 'sudo', (_command, instruction) => {
      if (seen.has(instruction.line)) return undefined;
      seen.add(instruction.line);
      return {
        instruction,
        message: 'RUN uses sudo',
        summary:
          'Drop sudo: run the step under USER root and switch back to the app user afterwards.',
      };
    });
  },
};
