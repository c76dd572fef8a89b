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

function compiledLanguageOf(command: ShellCommand): string | undefined {
  const program = programOf(command);
  if (isCommand(command, 'go', ['build', 'install'])) return 'Go';
  if (isCommand(command, 'cargo', ['build', 'install'])) return 'Rust';
  if (program === 'rustc') return 'Rust';
  if (isCommand(command, ['mvn', 'mvnw'], ['package', 'install', 'verify']))
    return 'Java';
  if (
    isCommand(
      command,
      ['gradle', 'gradlew'],
      ['build', 'assemble', 'bootJar', 'jar', 'installDist', 'shadowJar'],
    )
  )
    return 'Java';
  if (program === 'javac') return 'Java';
  if (isCommand(command, 'dotnet', ['publish', 'build'])) return '.NET';
  if (
    ['gcc', 'g++', 'cc', 'c++', 'clang', 'clang++'].includes(program) &&
    command.args.length > 0
  )
    return 'C/C++';
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

export function isBuildPackage(name: string): boolean {
  const bare = name.split(/[=<>~]/)[0];
  return BUILD_PACKAGES.has(bare) || /-(dev|devel)$/.test(bare);
}

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

export interface InstalledPackage {
  name: string;
  command: ShellCommand;
  instruction: Instruction;
  manager: 'apt' | 'apk' | 'yum';
}

/** Packages installed by apt-get/apt, apk, yum/dnf/microdnf in the stage. */
export function installedPackages(stage: Stage): InstalledPackage[] {
  const result: InstalledPackage[] = [];
  for (const instruction of stage.instructions) {
    for (const command of commandsOf(instruction)) {
      if (isCommand(command, ['apt-get', 'apt'], 'install')) {
        for (const p of operandsAfter(command, 'install', APT_VALUE_FLAGS))
          result.push({ name: p.value, command, instruction, manager: 'apt' });
      } else if (isCommand(command, 'apk', 'add')) {
        for (const p of operandsAfter(command, 'add', APK_VALUE_FLAGS))
          result.push({ name: p.value, command, instruction, manager: 'apk' });
      } else if (isCommand(command, ['yum', 'dnf', 'microdnf'], 'install')) {
        for (const p of operandsAfter(command, 'install', [
          '--setopt',
          '--enablerepo',
          '--disablerepo',
        ]))
          result.push({ name: p.value, command, instruction, manager: 'yum' });
      }
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
        isCommand(
          command,
          ['apt-get', 'apt'],
          ['purge', 'remove', 'autoremove'],
        ) ||
        isCommand(command, 'apk', 'del') ||
        isCommand(command, ['yum', 'dnf', 'microdnf'], ['remove', 'erase'])
      ) {
        command.args
          .filter(a => !a.startsWith('-'))
          .forEach(a => removed.add(a));
      }
    }
  }
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
