import type { Edit, Rule, RuleHit } from '../types';
import type { ShellCommand, ShellWord } from '../../dockerfile/shell';
import type { DockerfileModel, Instruction } from '../../dockerfile/model';
import { compact, keyValues, replaceWord } from '../support';
import {
  hadolintArgs,
  hadolintDocsUrl,
  hasArgs,
  imageNameOf,
  isArgument,
  runCommands,
} from '../peer';
import { runsRunning } from '../peerCommands';

/** Letters, digits and `.~^_:+`: what an rpm version part may hold. */
const VERSION_PART = /^[A-Za-z0-9.~^_:+]*$/;

/** The names a RUN's packages may use as variables (see `declaredNamesReader`). */
interface DeclaredNames {
  has(name: string): boolean;
  /** Whether some declared name holds a `}` (so `${…}` cannot be cut at the first one). */
  odd: boolean;
  all(): Iterable<string>;
}

/**
 * Whether `name-version` pins a package: some dash, then either an `.rpm`
 * file, a variable the Dockerfile declares (`git-core-${version}`), or parts
 * after the first dash made only of version characters, the last one starting
 * with a digit (`gcc-c++-1.1.1`, `openssl-1:1.1.1k`, `nginx-1.24.0-4.fc40`).
 * hadolint's DL3033 / DL3041 accept any part starting with a digit, which
 * reads a name with digits (`java-21-openjdk`) as pinned (issue 13).
 */
export function isPinnedRpm(
  pkg: string,
  declared: () => DeclaredNames,
): boolean {
  const parts = pkg.split('-');
  if (parts.length <= 1) return false;
  if (pkg.endsWith('.rpm')) return true;
  if (pkg.includes('$')) return usesDeclared(pkg, declared());
  const rest = parts.slice(1);
  return (
    rest.every(p => VERSION_PART.test(p)) &&
    /^[0-9]/.test(rest[rest.length - 1])
  );
}

/** Whether `pkg` holds `${name}` for a declared name: each `${…}` looked up, not each name searched. */
function usesDeclared(pkg: string, declared: DeclaredNames): boolean {
  if (declared.odd) {
    for (const name of declared.all())
      if (pkg.includes(`\${${name}}`)) return true;
    return false;
  }
  for (let i = pkg.indexOf('${'); i >= 0; i = pkg.indexOf('${', i + 1)) {
    const close = pkg.indexOf('}', i + 2);
    if (close < 0) return false;
    if (declared.has(pkg.slice(i + 2, close))) return true;
  }
  return false;
}

const NO_NAMES: DeclaredNames = {
  has: () => false,
  odd: false,
  all: () => [],
};

/**
 * The variable names a package in the RUN at `index` may use and still count
 * as pinned, following hadolint's reading: every ARG declared earlier in the
 * file (in any stage), and the ENVs of the current stage, inherited through
 * `FROM <stage name>` but not from an unrelated stage. ONBUILD triggers get
 * none. Read once, as far as asked: RUNs asked in file order cost one walk.
 */
function declaredNamesReader(
  instructions: readonly Instruction[],
): (index: number) => DeclaredNames {
  const args = new Set<string>();
  const envs: Array<Set<string>> = [new Set()];
  const aliases: string[] = [''];
  let read = 0;
  let odd = false;
  const add = (names: Set<string>, name: string) => {
    names.add(name);
    if (name.includes('}')) odd = true;
  };
  const current = () => envs[envs.length - 1];
  const names: DeclaredNames = {
    has: name => current().has(name) || args.has(name),
    get odd() {
      return odd;
    },
    all: () => new Set([...current(), ...args]),
  };
  return index => {
    if (instructions[index]?.keyword !== 'RUN') return NO_NAMES;
    for (; read < index; read++) {
      const instruction = instructions[read];
      switch (instruction.keyword) {
        case 'FROM': {
          const [image = '', as, alias] = instruction.words.map(w => w.value);
          const base = aliases.indexOf(imageNameOf(image));
          envs.push(new Set(base >= 0 ? envs[base] : []));
          aliases.push(as?.toLowerCase() === 'as' && alias ? alias : '');
          break;
        }
        case 'ENV':
          for (const [name] of keyValues(instruction)) add(current(), name);
          break;
        case 'ARG':
          for (const [name] of keyValues(instruction)) add(args, name);
          break;
        default:
      }
    }
    return names;
  };
}

/**
 * "Specify versions" for an rpm-based manager (yum, dnf): one finding per RUN
 * (or `ONBUILD RUN`) naming every package without `-version` and every module
 * without `:stream`.
 */
export function rpmPinRule(options: {
  id: string;
  programs: readonly string[];
  /** Subcommands whose packages are not judged (dnf's `group`). */
  skipped: readonly string[];
  equivalents: string[];
  example: string;
}): Rule {
  const manager = options.programs.join('/');
  return {
    id: options.id,
    title: `${manager} packages not pinned`,
    category: 'correctness',
    severity: 'warning',
    unshipped: 'info',
    equivalents: options.equivalents,
    description: `Unpinned ${manager} packages install whatever version the repositories serve at build time, so two builds of one commit can differ. Name the version (${options.example}), or the stream of a module (\`${options.programs[0]} module install nodejs:20\`).`,
    docsUrl: hadolintDocsUrl(options.equivalents),
    check({ model }) {
      const hits: RuleHit[] = [];
      // Read only when a package holds a variable: most files have none.
      let reader: ((index: number) => DeclaredNames) | undefined;
      const declaredAt = (index: number) =>
        (reader ??= declaredNamesReader(model.instructions))(index);
      // Only the RUNs that run one of the programs can install with it
      // (asking every command of every RUN: 3.0 → 0.7 ms per corpus pass).
      const running = runsRunning(model, options.programs);
      if (running.size === 0) return hits;
      const instructions = model.instructions;
      for (let index = 0; index < instructions.length; index++) {
        const instruction = instructions[index];
        if (
          !running.has(instruction) ||
          (instruction.keyword !== 'RUN' &&
            instruction.trigger?.keyword !== 'RUN')
        )
          continue;
        const unpinned = unpinnedPackages(
          model,
          instruction,
          options.programs,
          options.skipped,
          () => declaredAt(index),
        );
        if (unpinned.length === 0) continue;
        // The fixed line shows where the version goes; which version is the user's choice.
        const placeholders =
          instruction.keyword === 'RUN'
            ? versionPlaceholders(instruction, unpinned)
            : [];
        hits.push({
          instruction,
          message: `${manager} install of unpinned packages: ${unpinned
            .map(u => u.arg)
            .join(', ')}`,
          summary: `Pin each package to the version you tested, e.g. ${options.example}.`,
          ...(placeholders.length === unpinned.length ? { placeholders } : {}),
        });
      }
      return hits;
    },
  };
}

/** A package (or module) installed without a version (or stream), and the word that would pin it. */
interface UnpinnedPackage {
  command: ShellCommand;
  arg: string;
  fix: string;
}

/** The packages and modules a RUN installs with one of `programs` without pinning them. */
function unpinnedPackages(
  model: DockerfileModel,
  instruction: Instruction,
  programs: readonly string[],
  skipped: readonly string[],
  namesFor: () => DeclaredNames,
): UnpinnedPackage[] {
  const unpinned: UnpinnedPackage[] = [];
  for (const command of runCommands(model, instruction)) {
    if (!hasArgs(command, programs, ['install'])) continue;
    const isModule = command.args.includes('module');
    if (!isModule && skipped.some(s => command.args.includes(s))) continue;
    const rendered = hadolintArgs(model, command, instruction);
    for (const [i, arg] of command.args.entries()) {
      if (!isArgument(arg) || arg === 'install' || arg === 'module') continue;
      const text = rendered[i];
      if (isModule) {
        if (!text.includes(':'))
          unpinned.push({ command, arg, fix: `${arg}:STREAM` });
      } else if (!isPinnedRpm(text, namesFor)) {
        unpinned.push({ command, arg, fix: `${arg}-X.Y.Z` });
      }
    }
  }
  return unpinned;
}

/**
 * Each unpinned argument's own word replaced by its pinned form. The words
 * are found in one pass over each command's words (a search per argument was
 * quadratic: 3 min for one fuzzed install of 30,000 packages).
 */
function versionPlaceholders(
  instruction: Instruction,
  unpinned: readonly UnpinnedPackage[],
): Edit[] {
  const unclaimed = new Map<
    ShellCommand,
    Map<string, { words: ShellWord[]; next: number }>
  >();
  const wordFor = (command: ShellCommand, arg: string) => {
    let byValue = unclaimed.get(command);
    if (!byValue) {
      byValue = new Map();
      for (const w of command.words.slice(1)) {
        const same = byValue.get(w.value);
        if (same) same.words.push(w);
        else byValue.set(w.value, { words: [w], next: 0 });
      }
      unclaimed.set(command, byValue);
    }
    const same = byValue.get(arg);
    return same ? same.words[same.next++] : undefined;
  };
  return compact(
    unpinned.map(({ command, arg, fix }) =>
      replaceWord(instruction, wordFor(command, arg), fix),
    ),
  );
}
