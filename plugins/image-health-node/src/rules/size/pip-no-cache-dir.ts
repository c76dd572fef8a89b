import type { Rule } from '../types';
import { compact, insertAfter, programOf, wordOf } from '../support';
import { eachCommandWithOnbuild } from '../peerCommands';
import { hasCacheOrTmpfsMountWith, inheritedEnv, nameOf } from '../peer';
import type { ShellCommand } from '../../dockerfile/shell';

/**
 * Like hadolint: a program named pip* (pip, pip3, pip3.12, pipx; not pipenv) with an
 * `install` argument, or python* with `-m pip install`.
 */
export function isPipInstall(
  command: ShellCommand,
  program = programOf(command),
): boolean {
  if (program.startsWith('pip') && !program.startsWith('pipenv'))
    return command.args.includes('install');
  if (!program.startsWith('python')) return false;
  const args = command.args;
  for (let i = 0; i + 2 < args.length; i++) {
    if (args[i] === '-m' && args[i + 1] === 'pip' && args[i + 2] === 'install')
      return true;
  }
  return false;
}

/** pipx and pipenv manage their own caches. */
function isPipWrapper(command: ShellCommand): boolean {
  const program = nameOf(command);
  if (program.includes('pipx') || program.includes('pipenv')) return true;
  const m = command.args.indexOf('-m');
  return (
    program.startsWith('python') &&
    m >= 0 &&
    (command.args[m + 1] === 'pipx' || command.args[m + 1] === 'pipenv')
  );
}

const TRUTHY = /^(1|true|True|TRUE|on|On|ON|yes|Yes|YES)/;
const TRUTHY_VALUE = /^(1|true|True|TRUE|on|On|ON|yes|Yes|YES)$/;

/** `PIP_NO_CACHE_DIR=<truthy>` anywhere in the RUN (a prefix or an `export`). */
function runSetsNoCacheDir(script: string): boolean {
  const at = script.indexOf('PIP_NO_CACHE_DIR=');
  return at >= 0 && TRUTHY.test(script.slice(at + 'PIP_NO_CACHE_DIR='.length));
}

export const rule: Rule = {
  id: 'pip-no-cache-dir',
  title: 'pip install without --no-cache-dir',
  category: 'size',
  severity: 'info',
  unshipped: 'silent',
  equivalents: ['DL3042'],
  description:
    'pip keeps downloaded wheels in ~/.cache/pip, which then ships in the layer. `--no-cache-dir` (or ENV PIP_NO_CACHE_DIR=1, or a cache mount) avoids it.',
  docsUrl: 'https://github.com/hadolint/hadolint/wiki/DL3042',
  check({ model }) {
    // DL3042: a truthy ENV PIP_NO_CACHE_DIR (inherited through FROM <stage>), the
    // variable set in the RUN, or a cache/tmpfs mount on .cache/pip exempt the install.
    return eachCommandWithOnbuild(model, (command, instruction, stage) => {
      // By name as written, like hadolint: `/opt/venv/bin/pip` is not judged.
      if (!isPipInstall(command, nameOf(command)) || isPipWrapper(command))
        return undefined;
      if (
        command.args.includes('--no-cache-dir') ||
        hasCacheOrTmpfsMountWith(instruction, '.cache/pip')
      )
        return undefined;
      const env = inheritedEnv(model, stage, 'PIP_NO_CACHE_DIR', instruction);
      if (env !== undefined && TRUTHY_VALUE.test(env)) return undefined;
      const script =
        instruction.keyword === 'ONBUILD'
          ? instruction.trigger?.args ?? ''
          : instruction.shell?.text ?? instruction.args;
      if (runSetsNoCacheDir(script)) return undefined;
      return {
        instruction,
        message: 'pip install keeps its download cache in the layer',
        summary: 'Add --no-cache-dir to pip install.',
        edits: compact([
          insertAfter(
            instruction,
            wordOf(command, 'install'),
            ' --no-cache-dir',
          ),
        ]),
      };
    });
  },
};
