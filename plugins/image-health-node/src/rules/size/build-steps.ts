import type { Instruction, Stage } from '../../dockerfile/model';
import type { ShellCommand } from '../../dockerfile/shell';
import { commandsOf, isCommand, operandsAfter, programOf } from '../support';

export interface CompileStep {
  instruction: Instruction;
  command: ShellCommand;
  language: string;
}

/** The first command of the stage that compiles a program, if any. */
export function compileCommandIn(stage: Stage): CompileStep | undefined {
  for (const instruction of stage.instructions) {
    for (const command of commandsOf(instruction)) {
      const language = compiledLanguageOf(command);
      if (language) return { instruction, command, language };
    }
  }
  return undefined;
}

// The words compiledLanguageOf asks about, built once (it reads every command of a stage).
const BUILD_OR_INSTALL = ['build', 'install'];
const MAVEN = ['mvn', 'mvnw'];
const MAVEN_BUILDS = ['package', 'install', 'verify'];
const GRADLE = ['gradle', 'gradlew'];
const GRADLE_BUILDS = [
  'build',
  'assemble',
  'bootJar',
  'jar',
  'installDist',
  'shadowJar',
];
const DOTNET_BUILDS = ['publish', 'build'];
const C_COMPILERS = ['gcc', 'g++', 'cc', 'c++', 'clang', 'clang++'];

function compiledLanguageOf(command: ShellCommand): string | undefined {
  const program = programOf(command);
  if (isCommand(command, 'go', BUILD_OR_INSTALL)) return 'Go';
  if (isCommand(command, 'cargo', BUILD_OR_INSTALL)) return 'Rust';
  if (program === 'rustc') return 'Rust';
  if (isCommand(command, MAVEN, MAVEN_BUILDS)) return 'Java';
  if (isCommand(command, GRADLE, GRADLE_BUILDS)) return 'Java';
  if (program === 'javac') return 'Java';
  if (isCommand(command, 'dotnet', DOTNET_BUILDS)) return '.NET';
  if (C_COMPILERS.includes(program) && command.args.length > 0) return 'C/C++';
  if (
    (program === 'make' || program === 'cmake' || program === 'ninja') &&
    command.args.every(a => a !== 'install' || command.args.length > 1)
  )
    return 'C/C++';
  return undefined;
}

/** Packages that only building needs. */
export const BUILD_PACKAGES = new Set([
  'build-essential',
  'build-base',
  'gcc',
  'g++',
  'make',
  'cmake',
  'clang',
  'autoconf',
  'automake',
  'libtool',
  'git',
  'pkg-config',
  'pkgconf',
  'musl-dev',
  'golang',
  'maven',
  'gradle',
]);

/** Whether a package (`gcc=4:12.2.0-3`, `libssl-dev`) is one only building needs. */
export function isBuildPackage(name: string): boolean {
  const bare = name.slice(0, versionStart(name));
  return (
    BUILD_PACKAGES.has(bare) || bare.endsWith('-dev') || bare.endsWith('-devel')
  );
}

/** Where a version constraint (`=`, `<`, `>`, `~`) begins in a package name; its length without one. */
function versionStart(name: string): number {
  for (let i = 0; i < name.length; i++) {
    const c = name[i];
    if (c === '=' || c === '<' || c === '>' || c === '~') return i;
  }
  return name.length;
}

const APT = ['apt-get', 'apt'];
const YUM = ['yum', 'dnf', 'microdnf'];
const APT_REMOVALS = ['purge', 'remove', 'autoremove'];
const YUM_REMOVALS = ['remove', 'erase'];

const APT_VALUE_FLAGS = [
  '-o',
  '-t',
  '-c',
  '--target-release',
  '--option',
  '--config-file',
];
const APK_VALUE_FLAGS = [
  '-t',
  '--virtual',
  '-X',
  '--repository',
  '--root',
  '-p',
];
const YUM_VALUE_FLAGS = ['--setopt', '--enablerepo', '--disablerepo'];

export interface InstalledPackage {
  name: string;
  command: ShellCommand;
  instruction: Instruction;
  manager: 'apt' | 'apk' | 'yum';
}

/**
 * Packages installed by apt-get/apt, apk, yum/dnf/microdnf in the stage;
 * with `keep`, only the packages it keeps (the others get no record).
 */
export function installedPackages(
  stage: Stage,
  keep: (name: string) => boolean = () => true,
): InstalledPackage[] {
  const result: InstalledPackage[] = [];
  for (const instruction of stage.instructions) {
    for (const command of commandsOf(instruction)) {
      let manager: InstalledPackage['manager'];
      let operands;
      if (isCommand(command, APT, 'install')) {
        manager = 'apt';
        operands = operandsAfter(command, 'install', APT_VALUE_FLAGS);
      } else if (isCommand(command, 'apk', 'add')) {
        manager = 'apk';
        operands = operandsAfter(command, 'add', APK_VALUE_FLAGS);
      } else if (isCommand(command, YUM, 'install')) {
        manager = 'yum';
        operands = operandsAfter(command, 'install', YUM_VALUE_FLAGS);
      } else continue;
      for (const p of operands)
        if (keep(p.value))
          result.push({ name: p.value, command, instruction, manager });
    }
  }
  return result;
}

/** Package names (and apk virtual names) removed in the stage. */
export function removedPackages(stage: Stage): Set<string> {
  const removed = new Set<string>();
  for (const instruction of stage.instructions) {
    for (const command of commandsOf(instruction)) {
      if (
        isCommand(command, APT, APT_REMOVALS) ||
        isCommand(command, 'apk', 'del') ||
        isCommand(command, YUM, YUM_REMOVALS)
      ) {
        command.args
          .filter(a => !a.startsWith('-'))
          .forEach(a => removed.add(a));
      }
    }
  }
  // The official images' pattern: save `apt-mark showmanual`, install build
  // dependencies, build, then `apt-mark auto` and `apt-get purge --auto-remove`
  // in the same RUN: everything that RUN installed is gone at its end.
  for (const instruction of stage.instructions)
    for (const command of buildDependencyInstalls(instruction))
      if (isCommand(command, APT, 'install'))
        operandsAfter(command, 'install', APT_VALUE_FLAGS).forEach(p =>
          removed.add(p.value.split('=')[0]),
        );
  // apk's `--virtual .build-deps gcc make` is removed by `apk del .build-deps`.
  for (const instruction of stage.instructions) {
    for (const command of commandsOf(instruction)) {
      if (!isCommand(command, 'apk', 'add')) continue;
      const v = command.args.findIndex(a => a === '--virtual' || a === '-t');
      if (v >= 0 && removed.has(command.args[v + 1])) {
        operandsAfter(command, 'add', APK_VALUE_FLAGS).forEach(p =>
          removed.add(p.value),
        );
      }
    }
  }
  return removed;
}

const NONE: ReadonlySet<ShellCommand> = new Set();

/**
 * The install commands of a RUN whose packages the same RUN removes again:
 * those between saving `apt-mark showmanual` and marking everything `auto`,
 * when an `apt-get purge|autoremove` with auto-remove follows (the official
 * images' pattern), and `apk add --virtual <group>` later removed by
 * `apk del <group>`.
 */
export function buildDependencyInstalls(
  instruction: Instruction,
): ReadonlySet<ShellCommand> {
  const commands = commandsOf(instruction);
  // Nearly every RUN marks and deletes nothing: answer it without allocating.
  let marks = false;
  let deletes = false;
  for (const c of commands) {
    if (c.program === 'apt-mark') marks = true;
    else if (c.program === 'apk' && c.subcommand === 'del') deletes = true;
  }
  if (!marks && !deletes) return NONE;
  const found = new Set<ShellCommand>();
  const saved = commands.findIndex(
    c => c.program === 'apt-mark' && c.args.includes('showmanual'),
  );
  const auto = commands.findIndex(
    (c, k) =>
      k > saved &&
      c.words.some(w => w.value === 'apt-mark') &&
      c.args.includes('auto'),
  );
  const purged = commands.some(
    (c, k) =>
      k > auto &&
      (isCommand(c, APT, 'autoremove') ||
        (isCommand(c, APT, ['purge', 'remove']) &&
          c.args.includes('--auto-remove'))),
  );
  if (saved >= 0 && auto > saved && purged)
    for (let k = saved + 1; k < auto; k++)
      if (isCommand(commands[k], APT, 'install')) found.add(commands[k]);
  const deleted = new Set(
    commands.filter(c => isCommand(c, 'apk', 'del')).flatMap(c => c.args),
  );
  for (const c of commands) {
    if (!isCommand(c, 'apk', 'add')) continue;
    const v = c.args.findIndex(a => a === '--virtual' || a === '-t');
    if (v >= 0 && deleted.has(c.args[v + 1])) found.add(c);
  }
  return found;
}

/** Whether a RUN removes some build dependencies it installed before it ends. */
export function purgesBuildDependencies(instruction: Instruction): boolean {
  return buildDependencyInstalls(instruction).size > 0;
}
