import type { Rule, RuleHit } from '../types';
import type { ShellCommand } from '../../dockerfile/shell';
import {
  commandsOf,
  compact,
  isCommand,
  laterMentions,
  mentionedAfter,
  operandsAfter,
  replaceWord,
  type LaterMentions,
} from '../support';
import type { Instruction } from '../../dockerfile/model';
import { buildDependencyInstalls } from '../size/build-steps';
import { eachCommandNamed, eachCommandWithOnbuild } from '../peerCommands';
import { hadolintDocsUrl } from '../peer';

/**
 * "Pin versions in <manager> install" rules: one finding per command listing the
 * unpinned packages. Unlike hadolint (issue 13), a package the same RUN removes
 * again (a build dependency) and a variable the RUN fills with pinned packages
 * are not reported. Like hadolint, flags are switches except `valueFlags` (whose
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
  /** The name hadolint gives the one program `installs` accepts (`nameOf`), when it accepts one: only its commands are visited. */
  program?: string;
  valueFlags: string[];
  isPinned(pkg: string, command: ShellCommand): boolean;
  /** The package with a version placeholder, in the form the manager accepts (`curl=<version>`). */
  pin(pkg: string): string;
  /** The command that lists the versions of `pkg` on offer. */
  versionsOf(pkg: string): string;
}): Rule {
  return {
    id: options.id,
    title: `${options.manager} packages not pinned`,
    category: 'correctness',
    severity: 'warning',
    unshipped: 'info',
    equivalents: options.equivalents,
    description: `Unpinned ${options.manager} packages install whatever version is current at build time, so two builds of one commit can differ. Pin versions (${options.example}).`,
    docsUrl: hadolintDocsUrl(options.equivalents),
    check({ model }) {
      // What a RUN removes, read once per RUN: asked once per install, it was
      // quadratic in a RUN of 18,000 installs (the fuzzer's; 5 s).
      let last: Instruction | undefined;
      let removals: Removals | undefined;
      const judge = (command: ShellCommand, instruction: Instruction) => {
        const sub = options.installs(command);
        if (!sub) return undefined;
        if (instruction !== last) {
          last = instruction;
          removals = removalsOf(instruction);
        }
        const unpinned = unpinnedOperands(
          options,
          command,
          instruction,
          sub,
          removals,
        );
        if (unpinned.length === 0) return undefined;
        return unpinnedHit(options, instruction, unpinned);
      };
      return options.program === undefined
        ? eachCommandWithOnbuild(model, judge)
        : eachCommandNamed(model, options.program, judge);
    },
  };
}

/** What a package manager's pinning rule is made of. */
type PinRuleOptions = Parameters<typeof pinRule>[0];

/** A package an install names, and its word in the RUN. */
type Operand = ReturnType<typeof operandsAfter>[number];

/**
 * The packages an install (`sub` its install subcommand) names without a
 * version: neither pinned as written, nor a variable the RUN fills with
 * pinned packages, nor removed again by the same RUN.
 */
function unpinnedOperands(
  options: PinRuleOptions,
  command: ShellCommand,
  instruction: Instruction,
  sub: string,
  removals: Removals | undefined,
): Operand[] {
  const operands = operandsAfter(command, sub, options.valueFlags);
  const removed = removals
    ? removedInSameRun(
        removals,
        command,
        operands.map(p => p.value),
      )
    : undefined;
  return operands.filter(
    p =>
      p.value !== sub &&
      !options.isPinned(p.value, command) &&
      !(
        p.value.includes('$') &&
        holdsPinnedList(instruction, p.value, options.isPinned, command)
      ) &&
      !removed?.has(p.value),
  );
}

/** The finding for one install's unpinned packages, with a version placeholder for each. */
function unpinnedHit(
  options: PinRuleOptions,
  instruction: Instruction,
  unpinned: readonly Operand[],
): RuleHit {
  const names = unpinned.map(p => p.value);
  // The fixed line shows where each version goes; which version is the user's choice.
  const placeholders = compact(
    unpinned.map(p => replaceWord(instruction, p.word, options.pin(p.value))),
  );
  const hit: RuleHit = {
    instruction,
    message: `${options.manager} installs unpinned: ${names.join(', ')}`,
    summary: `Pin each package to the version you tested (${
      options.example
    }); \`${options.versionsOf(names[0])}\` lists the versions on offer.`,
  };
  if (instruction.keyword === 'RUN' && placeholders.length === unpinned.length)
    hit.placeholders = placeholders;
  return hit;
}

/**
 * Whether `word` is a variable (`$pkgs`, `"${pkgs}"`) the same RUN assigns
 * a list of pinned packages (the official images' `nginxPackages="nginx=1.25…"`).
 */
function holdsPinnedList(
  instruction: Instruction,
  word: string,
  isPinned: (pkg: string, command: ShellCommand) => boolean,
  command: ShellCommand,
): boolean {
  const name = /^"?\$\{?(\w+)\}?"?$/.exec(word)?.[1];
  if (!name) return false;
  for (const c of commandsOf(instruction))
    for (const assignment of c.assignments) {
      if (!assignment.startsWith(`${name}=`)) continue;
      const packages = assignment
        .slice(name.length + 1)
        .replace(/^["']|["']$/g, '')
        .split(/\s+/)
        .filter(Boolean);
      return packages.length > 0 && packages.every(p => isPinned(p, command));
    }
  return false;
}

// Asked of every command of a RUN that installs: built once.
const APT = ['apt-get', 'apt'];
const APT_REMOVALS = ['purge', 'remove'];
const APT_REMOVALS_AND_AUTOREMOVE = ['purge', 'remove', 'autoremove'];

/** What one RUN takes out again; undefined when it removes nothing (most RUNs). */
interface Removals {
  /** Installs whose packages a later purge of build dependencies removes. */
  purged: ReadonlySet<ShellCommand>;
  /** Packages (or apk virtual names) removed, and where. */
  removed: LaterMentions;
}

function removalsOf(instruction: Instruction): Removals | undefined {
  if (!commandsOf(instruction).some(removes)) return undefined;
  return {
    purged: buildDependencyInstalls(instruction),
    removed: laterMentions(
      instruction,
      c => isCommand(c, APT, APT_REMOVALS) || isCommand(c, 'apk', 'del'),
    ),
  };
}

/**
 * Which of an install's packages the RUN removes again after installing them (a build
 * dependency: `apt-get purge`, the official images' apt-mark pattern, `apk del`
 * of the package or its --virtual group): its version never reaches the image.
 * Looked up in maps read once per RUN (a scan of every removal per package was
 * quadratic: 4-22 s for fuzzed RUNs of thousands of installs and purges).
 */
function removedInSameRun(
  removals: Removals,
  install: ShellCommand,
  packages: readonly string[],
): ReadonlySet<string> {
  if (removals.purged.has(install)) return new Set(packages);
  const removedLater = (name: string) =>
    mentionedAfter(removals.removed, install, name);
  const virtual =
    install.args[
      install.args.findIndex(a => a === '--virtual' || a === '-t') + 1
    ];
  if (virtual !== undefined && removedLater(virtual)) return new Set(packages);
  return new Set(packages.filter(removedLater));
}

/** A command that takes packages out again (or marks them for it). */
function removes(c: ShellCommand): boolean {
  return (
    c.program === 'apt-mark' ||
    isCommand(c, APT, APT_REMOVALS_AND_AUTOREMOVE) ||
    isCommand(c, 'apk', 'del')
  );
}
