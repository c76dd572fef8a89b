import { stageFacts } from '../base-image/known-images';
import type { DockerfileModel, Stage } from '../../dockerfile/model';
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
    const shells = new Map<Stage, string | undefined>();
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
        if (!shells.has(stage)) shells.set(stage, pipefailShell(model, stage));
        const shell = shells.get(stage);
        hits.push({
          instruction,
          message:
            'a pipe in this RUN hides failures of all but its last command',
          summary: shell
            ? `Add SHELL ${shell} before it (the shell this image has).`
            : 'Add SHELL ["/bin/bash", "-o", "pipefail", "-c"] before it if the image has bash (["/bin/ash", …] on Alpine/busybox); or check each piped command yourself.',
          ...(shell
            ? { after: `SHELL ${shell}\n${sourceOf(model, instruction)}` }
            : {}),
        });
      }
    }
    return hits;
  },
};

/** The SHELL line that turns pipefail on with a shell the stage's image has; undefined when not known. */
function pipefailShell(
  model: DockerfileModel,
  stage: Stage,
): string | undefined {
  const facts = stageFacts(model, stage);
  if (facts?.bash) return '["/bin/bash", "-o", "pipefail", "-c"]';
  if (facts?.sh === 'ash') return '["/bin/ash", "-o", "pipefail", "-c"]';
  return undefined;
}
