import type { Rule } from '../types';
import { programOf } from '../support';
import { sourceOf } from '../../dockerfile/model';

export const rule: Rule = {
  id: 'pipe-without-pipefail',
  title: 'Pipe without pipefail',
  category: 'correctness',
  severity: 'warning',
  equivalents: ['DL4006'],
  description:
    'In `RUN wget … | tar x`, a failed download is hidden by the successful tar and the build goes on with a broken layer. Set `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` (or `set -o pipefail &&` at the start of the RUN).',
  docsUrl: 'https://github.com/hadolint/hadolint/wiki/DL4006',
  check({ model }) {
    const hits = [];
    for (const stage of model.stages) {
      let pipefail = false;
      for (const instruction of stage.instructions) {
        if (instruction.keyword === 'SHELL' && instruction.json) {
          const shell = instruction.json;
          const posix = /(^|\/)(sh|bash|ash|dash|zsh|ksh)$/.test(
            shell[0] ?? '',
          );
          pipefail =
            !posix ||
            shell.some((a, k) => a === 'pipefail' && shell[k - 1] === '-o') ||
            (shell.includes('-eo') && shell.includes('pipefail'));
          continue;
        }
        if (pipefail || instruction.shell?.kind !== 'posix') continue;
        const commands = instruction.shell.commands;
        const pipe = commands.findIndex(c => c.terminator === '|' && !c.nested);
        if (pipe < 0) continue;
        const setsPipefail = commands
          .slice(0, pipe)
          .some(
            c =>
              programOf(c) === 'set' &&
              c.args.some(
                (a, k) =>
                  (a === 'pipefail' &&
                    /^-[a-z]*o$/.test(c.args[k - 1] ?? '')) ||
                  a === '-o pipefail',
              ),
          );
        if (setsPipefail) continue;
        hits.push({
          instruction,
          message:
            'a pipe in this RUN hides failures of all but its last command',
          summary:
            'Add SHELL ["/bin/bash", "-o", "pipefail", "-c"] before it (or start the RUN with set -o pipefail &&).',
          after: `SHELL ["/bin/bash", "-o", "pipefail", "-c"]\n${sourceOf(
            model,
            instruction,
          )}`,
        });
      }
    }
    return hits;
  },
};
