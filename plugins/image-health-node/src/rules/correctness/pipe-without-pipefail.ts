import type { Rule, RuleHit } from '../types';
import { sourceOf } from '../../dockerfile/model';
import { runCommands } from '../peer';

/** SHELLs hadolint does not judge (PowerShell, cmd): their pipes are not POSIX pipes. */
const NON_POSIX = /^(pwsh|powershell|cmd)/;
const PIPEFAIL_SHELLS = new Set(['bash', 'zsh', 'ash']);

/** `SHELL ["/bin/bash", "-eo", "pipefail", "-c"]`: bash, zsh or ash with an -o flag and `pipefail`. */
function setsPipefail(shell: string[]): boolean {
  const program = (shell[0] ?? '').slice((shell[0] ?? '').lastIndexOf('/') + 1);
  return (
    PIPEFAIL_SHELLS.has(program) &&
    shell.slice(1).some(a => /^-[A-Za-z]*o[A-Za-z]*$/.test(a)) &&
    shell.includes('pipefail')
  );
}

export const rule: Rule = {
  id: 'pipe-without-pipefail',
  title: 'Pipe without pipefail',
  category: 'correctness',
  severity: 'warning',
  equivalents: ['DL4006'],
  description:
    'In `RUN wget … | tar x`, a failed download is hidden by the successful tar and the build goes on with a broken layer. Set `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` in each stage before such a RUN (ash on Alpine). Like hadolint, `set -o pipefail` inside the RUN is not looked at, and a SHELL does not carry over to the next FROM.',
  docsUrl: 'https://github.com/hadolint/hadolint/wiki/DL4006',
  check({ model }) {
    const hits: RuleHit[] = [];
    for (const stage of model.stages) {
      let pipefail = false;
      for (const instruction of stage.instructions) {
        if (instruction.keyword === 'SHELL' && instruction.json) {
          const shell = instruction.json;
          pipefail = NON_POSIX.test(shell.join(' ')) || setsPipefail(shell);
          continue;
        }
        if (pipefail || instruction.keyword !== 'RUN') continue;
        // Pipes inside $(…) count too; the exec form is read as one shell line, as hadolint does.
        if (!runCommands(model, instruction).some(c => c.terminator === '|'))
          continue;
        hits.push({
          instruction,
          message:
            'a pipe in this RUN hides failures of all but its last command',
          summary:
            'Add SHELL ["/bin/bash", "-o", "pipefail", "-c"] (["/bin/ash", …] on Alpine) before it.',
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
