import type { Rule } from '../types';
import { eachCommandWithOnbuild, nameOf } from '../peer';

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
    const reported = new Set<object>();
    return eachCommandWithOnbuild(model, (command, instruction) => {
      if (
        nameOf(command) !== 'ln' ||
        !command.args.includes('/bin/sh') ||
        reported.has(instruction)
      )
        return undefined;
      reported.add(instruction);
      const shell =
        command.args.find(a => a.startsWith('/') && a !== '/bin/sh') ??
        '/bin/bash';
      return {
        instruction,
        message: `ln ${command.args.join(' ')} replaces the image's /bin/sh`,
        summary: `Keep /bin/sh and run later RUN lines with SHELL ["${shell}", "-c"].`,
      };
    });
  },
};
