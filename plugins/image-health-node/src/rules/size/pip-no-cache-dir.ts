import type { Rule } from '../types';
import {
  compact,
  eachCommand,
  envOf,
  hasCacheMount,
  hasFlag,
  insertAfter,
  isCommand,
  programOf,
  wordOf,
} from '../support';
import type { ShellCommand } from '../../dockerfile/shell';

/** `pip install`, `pip3 install`, `python -m pip install`. */
export function isPipInstall(command: ShellCommand): boolean {
  if (isCommand(command, ['pip', 'pip3'], 'install')) return true;
  const program = programOf(command);
  if (!/^python[0-9.]*$/.test(program)) return false;
  const m = command.args.indexOf('-m');
  return (
    m >= 0 && command.args[m + 1] === 'pip' && command.args[m + 2] === 'install'
  );
}

export const rule: Rule = {
  id: 'pip-no-cache-dir',
  title: 'pip install without --no-cache-dir',
  category: 'size',
  severity: 'info',
  equivalents: ['DL3042'],
  description:
    'pip keeps downloaded wheels in ~/.cache/pip, which then ships in the layer. `--no-cache-dir` (or ENV PIP_NO_CACHE_DIR=1, or a cache mount) avoids it.',
  docsUrl: 'https://github.com/hadolint/hadolint/wiki/DL3042',
  check({ model }) {
    return eachCommand(model, (command, instruction, stage) => {
      if (!isPipInstall(command)) return undefined;
      if (
        hasFlag(command, '--no-cache-dir') ||
        hasCacheMount(instruction, '/root/.cache/pip', '/root/.cache')
      )
        return undefined;
      const env = envOf(stage, instruction);
      if (
        env.has('PIP_NO_CACHE_DIR') ||
        command.assignments.some(a => a.startsWith('PIP_NO_CACHE_DIR='))
      )
        return undefined;
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
