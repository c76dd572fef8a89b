import type { Rule } from '../types';
import type { ShellCommand } from '../../dockerfile/shell';
import { operandsAfter } from '../support';
import { eachCommandWithOnbuild, hadolintDocsUrl } from '../peer';

/**
 * "Pin versions in <manager> install" rules: one finding per command listing the
 * unpinned packages. Like hadolint, flags are switches except `valueFlags` (whose
 * next word is their value), a word holding a variable is judged as written, and
 * `ONBUILD RUN` is checked too.
 */
export function pinRule(options: {
  id: string;
  manager: string;
  equivalents: string[];
  example: string;
  /** The install subcommand the packages follow, when `command` installs. */
  installs(command: ShellCommand): string | undefined;
  valueFlags: string[];
  isPinned(pkg: string, command: ShellCommand): boolean;
}): Rule {
  return {
    id: options.id,
    title: `${options.manager} packages not pinned`,
    category: 'correctness',
    severity: 'warning',
    equivalents: options.equivalents,
    description: `Unpinned ${options.manager} packages install whatever version is current at build time, so two builds of one commit can differ. Pin versions (${options.example}).`,
    docsUrl: hadolintDocsUrl(options.equivalents),
    check({ model }) {
      return eachCommandWithOnbuild(model, (command, instruction) => {
        const sub = options.installs(command);
        if (!sub) return undefined;
        const unpinned = operandsAfter(command, sub, options.valueFlags)
          .map(p => p.value)
          .filter(p => p !== sub && !options.isPinned(p, command));
        if (unpinned.length === 0) return undefined;
        return {
          instruction,
          message: `${options.manager} installs unpinned: ${unpinned.join(
            ', ',
          )}`,
          summary: `Pin each package, e.g. ${options.example}.`,
        };
      });
    },
  };
}
