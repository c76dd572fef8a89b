import type { Rule } from '../types';
import { compact, hasFlag, insertAfter, wordOf } from '../support';
import { eachCommandWithOnbuild, runsRunning } from '../peerCommands';
import { hadolintDocsUrl, hasArgs } from '../peer';

/** "`<manager> install` without its assume-yes flag" rules for yum, dnf and zypper. */
export function assumeYesRule(options: {
  id: string;
  programs: string[];
  installs: string[];
  yes: string[];
  insert: string;
  equivalents: string[];
  before?: boolean;
}): Rule {
  return {
    id: options.id,
    title: `${options.programs[0]} without ${options.insert.trim()}`,
    category: 'correctness',
    severity: 'warning',
    equivalents: options.equivalents,
    description: `${options.programs.join(
      '/',
    )} asks for confirmation unless given ${options.yes.join(
      ' or ',
    )}; the build then aborts.`,
    docsUrl: hadolintDocsUrl(options.equivalents),
    check({ model }) {
      // Most files run none of the programs: one look at the command index
      // says so (dnf-missing-yes 0.65 → 0.2 ms per corpus pass).
      if (runsRunning(model, options.programs).size === 0) return [];
      // Like hadolint: the install word anywhere among the arguments, ONBUILD RUN too.
      return eachCommandWithOnbuild(model, (command, instruction) => {
        if (!hasArgs(command, options.programs, options.installs))
          return undefined;
        if (hasFlag(command, ...options.yes)) return undefined;
        const sub = command.args.find(a => options.installs.includes(a))!;
        const anchor = options.before ? command.words[0] : wordOf(command, sub);
        return {
          instruction,
          message: `${command.name} ${sub} will wait for a confirmation nobody gives`,
          summary: `Add ${options.insert.trim()}.`,
          edits: compact([insertAfter(instruction, anchor, options.insert)]),
        };
      });
    },
  };
}
