import type { Rule } from '../types';
import { eachCommandWithOnbuild, nameOf } from '../peer';

export const rule: Rule = {
  id: 'sudo-in-run',
  title: 'sudo in RUN',
  category: 'security',
  severity: 'error',
  // Not DS-0010: Trivy only sees sudo at the start of an &&-separated part of the RUN text.
  equivalents: ['DL3004'],
  description:
    'sudo has unpredictable TTY and signal behaviour and keeps a privilege-escalation path in the image. Use USER root for the steps that need it, then switch back; use gosu for entrypoints.',
  docsUrl: 'https://github.com/hadolint/hadolint/wiki/DL3004',
  check({ model }) {
    const seen = new Set<number>();
    return eachCommandWithOnbuild(model, (command, instruction) => {
      if (nameOf(command) !== 'sudo' || seen.has(instruction.line))
        return undefined;
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
