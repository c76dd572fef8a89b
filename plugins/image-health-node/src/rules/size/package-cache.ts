import type { Rule, RuleHit } from '../types';
import type { ShellCommand } from '../../dockerfile/shell';
import {
  appendToRun,
  commandsOf,
  hasCacheMount,
  isCommand,
  programOf,
} from '../support';
import { runsRunning } from '../peerCommands';
import {
  runCommands,
  hadolintDocsUrl,
  hasArgs,
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
    unshipped: 'silent',
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
  /** The programs, by the name hadolint gives them (`nameOf`), and the arguments that make them install. */
  programs: readonly string[];
  installs: readonly string[];
  /** Whether `command` cleans after installs by `program`. */
  cleans(command: ShellCommand, program: string): boolean;
  /** Fragments of a cache/tmpfs mount target that make the cleanup unneeded. */
  mountFragments: string[];
  /** A mount does not excuse a cleanup run before the install (DL3060). */
  orderOverMount?: boolean;
  /** Only the stages DL3009/DL3060 judge (the final one and those a FROM builds on). */
  judgedStagesOnly?: boolean;
  /** Where it deliberately does not follow its DL id (see `Rule.differsFrom`). */
  differsFrom?: Record<string, string>;
}): Rule {
  const cleanup = options.cleanupFor(options.manager);
  return {
    ...cacheCleanInfo(
      options,
      `${options.manager} keeps metadata and downloaded packages in ${options.cacheDir}. Run \`${cleanup}\` after the install, in the same RUN, or they stay in the layer.`,
    ),
    ...(options.differsFrom && { differsFrom: options.differsFrom }),
    check({ model }) {
      // The RUNs that run one of the programs, found through their commands:
      // the others install nothing (asking every command of every RUN:
      // dnf-clean-missing 3.4 → 0.6 ms per corpus pass, the others alike).
      const running = runsRunning(model, options.programs);
      const hits: RuleHit[] = [];
      if (running.size === 0) return hits;
      const judged = options.judgedStagesOnly
        ? judgedStages(model)
        : new Set(model.stages);
      // A RUN before any FROM has no stage; hadolint judges it like any other.
      for (const instruction of model.instructions) {
        if (!running.has(instruction)) continue;
        const stage = model.stages[instruction.stage];
        if (stage && !judged.has(stage)) continue;
        const commands = runCommands(model, instruction);
        if (commands.length === 0) continue;
        const mounted = options.mountFragments.some(f =>
          hasCacheOrTmpfsMountWith(instruction, f),
        );
        // Judge each program once, at its first install.
        let judgedPrograms: Set<string> | undefined;
        const failing = commands.find((command, at) => {
          if (!hasArgs(command, options.programs, options.installs))
            return false;
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
      return hits;
    },
  };
}
