import type { Rule } from '../types';
import type { ShellCommand } from '../../dockerfile/shell';
import {
  compact,
  commandsOf,
  eachCommand,
  hasCacheMount,
  insertAfter,
  isCommand,
  programOf,
} from '../support';

/** A "`<manager> clean` missing after install" rule, for the managers that need one. */
export function cacheCleanRule(options: {
  id: string;
  manager: string;
  programs: string[];
  installs: string[];
  equivalents: string[];
  cleanup: string;
  isCleanup(command: ShellCommand): boolean;
  cacheDir: string;
}): Rule {
  return {
    id: options.id,
    title: `${options.manager} cache not cleaned`,
    category: 'size',
    severity: 'warning',
    equivalents: options.equivalents,
    description: `${options.manager} keeps metadata and downloaded packages in ${options.cacheDir}. Run \`${options.cleanup}\` in the same RUN as the install, or they stay in the layer.`,
    docsUrl: options.equivalents[0]?.startsWith('DL')
      ? `https://github.com/hadolint/hadolint/wiki/${options.equivalents[0]}`
      : undefined,
    check({ model }) {
      return eachCommand(model, (command, instruction) => {
        if (!isCommand(command, options.programs, options.installs))
          return undefined;
        const commands = commandsOf(instruction);
        const at = commands.indexOf(command);
        if (
          commands.slice(at + 1).some(options.isCleanup) ||
          hasCacheMount(instruction, options.cacheDir)
        )
          return undefined;
        // Report once per RUN, on its first install.
        if (
          commands
            .slice(0, at)
            .some(c => isCommand(c, options.programs, options.installs))
        )
          return undefined;
        const top = commands.filter(c => !c.nested);
        const last = top[top.length - 1];
        return {
          instruction,
          message: `${programOf(command)} ${
            command.subcommand ?? options.installs[0]
          } without \`${options.cleanup}\` in the same RUN`,
          summary: `End the RUN with && ${options.cleanup}`,
          edits:
            last && last.terminator === ''
              ? compact([
                  insertAfter(
                    instruction,
                    last.words[last.words.length - 1],
                    ` \\\n    && ${options.cleanup}`,
                  ),
                ])
              : [],
        };
      });
    },
  };
}

export function rmOf(command: ShellCommand, prefix: string): boolean {
  return (
    programOf(command) === 'rm' && command.args.some(a => a.startsWith(prefix))
  );
}
