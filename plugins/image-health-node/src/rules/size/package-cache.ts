import type { Rule, RuleHit } from '../types';
import type { ShellCommand } from '../../dockerfile/shell';
import {
  appendToRun,
  commandsOf,
  hasCacheMount,
  isCommand,
  programOf,
} from '../support';
import {
  runCommands,
  hadolintDocsUrl,
  hasCacheOrTmpfsMountWith,
  judgedStages,
  nameOf,
} from '../peer';

/** What both kinds of cache-clean rule say of themselves (they differ in description and check). */
function cacheCleanInfo(
  options: { id: string; manager: string; equivalents: string[] },
  description: string,
): Omit<Rule, 'check'> {
  return {
    id: options.id,
    title: `${options.manager} cache not cleaned`,
    category: 'size',
    severity: 'warning',
    equivalents: options.equivalents,
    description,
    docsUrl: hadolintDocsUrl(options.equivalents),
  };
}

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
    ...cacheCleanInfo(
      options,
      `${options.manager} keeps metadata and downloaded packages in ${options.cacheDir}. Run \`${options.cleanup}\` in the same RUN as the install, or they stay in the layer.`,
    ),
    check({ model }) {
      const hits: RuleHit[] = [];
      for (const stage of model.stages) {
        for (const instruction of stage.instructions) {
          const commands = commandsOf(instruction);
          // Reported once per RUN, on its first install, unless a cleanup follows it.
          let at = 0;
          while (
            at < commands.length &&
            !isCommand(commands[at], options.programs, options.installs)
          )
            at++;
          if (at === commands.length) continue;
          const command = commands[at];
          let cleaned = hasCacheMount(instruction, options.cacheDir);
          for (let i = at + 1; i < commands.length && !cleaned; i++)
            cleaned = options.isCleanup(commands[i]);
          if (cleaned) continue;
          hits.push({
            instruction,
            message: `${programOf(command)} ${
              command.subcommand ?? options.installs[0]
            } without \`${options.cleanup}\` in the same RUN`,
            summary: `End the RUN with && ${options.cleanup}`,
            edits: appendToRun(instruction, commands, options.cleanup),
          });
        }
      }
      return hits;
    },
  };
}

/**
 * A "`<manager> clean` missing" rule judged as hadolint does (DL3032, DL3036, DL3040,
 * DL3060): in each RUN (and ONBUILD RUN), for every program that installs, its first
 * install must come before its first cleanup, unless a cache or tmpfs mount covers the
 * cache directory.
 */
export function orderedCacheCleanRule(options: {
  id: string;
  manager: string;
  equivalents: string[];
  cacheDir: string;
  /** The cleanup to append for a RUN whose install `program` was not cleaned. */
  cleanupFor(program: string): string;
  installs(command: ShellCommand): boolean;
  /** Whether `command` cleans after installs by `program`. */
  cleans(command: ShellCommand, program: string): boolean;
  /** Fragments of a cache/tmpfs mount target that make the cleanup unneeded. */
  mountFragments: string[];
  /** A mount does not excuse a cleanup run before the install (DL3060). */
  orderOverMount?: boolean;
  /** Only the stages DL3009/DL3060 judge (the final one and those a FROM builds on). */
  judgedStagesOnly?: boolean;
}): Rule {
  const cleanup = options.cleanupFor(options.manager);
  return {
    ...cacheCleanInfo(
      options,
      `${options.manager} keeps metadata and downloaded packages in ${options.cacheDir}. Run \`${cleanup}\` after the install, in the same RUN, or they stay in the layer.`,
    ),
    check({ model }) {
      const judged = options.judgedStagesOnly
        ? judgedStages(model)
        : new Set(model.stages);
      const hits: RuleHit[] = [];
      for (const stage of model.stages) {
        if (!judged.has(stage)) continue;
        for (const instruction of stage.instructions) {
          const commands = runCommands(model, instruction);
          if (commands.length === 0) continue;
          const mounted = options.mountFragments.some(f =>
            hasCacheOrTmpfsMountWith(instruction, f),
          );
          // Judge each program once, at its first install.
          let judgedPrograms: Set<string> | undefined;
          const failing = commands.find((command, at) => {
            if (!options.installs(command)) return false;
            const program = nameOf(command);
            if (judgedPrograms?.has(program)) return false;
            (judgedPrograms ??= new Set()).add(program);
            const clean = commands.findIndex(c => options.cleans(c, program));
            if (clean > at) return false;
            if (clean >= 0 && options.orderOverMount) return true;
            return !mounted;
          });
          if (!failing) continue;
          const program = nameOf(failing);
          const text = options.cleanupFor(program);
          hits.push({
            instruction,
            message: `${program} ${
              failing.subcommand ?? 'install'
            } without \`${text}\` after it in the same RUN`,
            summary: `End the RUN with && ${text}`,
            edits: appendToRun(instruction, commands, text),
          });
        }
      }
      return hits;
    },
  };
}
