import type { Rule, RuleHit } from '../types';
import type { ShellCommand } from '../../dockerfile/shell';
import { compact, replaceWord } from '../support';
import { runCommands, hasArgs } from '../peer';
import { eachCommandNamed } from '../peerCommands';
import type { Instruction } from '../../dockerfile/model';

/** Arguments that are not options, as hadolint reads them (`-` and `--` themselves count as arguments). */
function nonOptionArguments(command: ShellCommand): string[] {
  return command.args.filter(a => a === '-' || a === '--' || a[0] !== '-');
}

/**
 * The packages a RUN fetches with `go run`, `go install` or `go get`, read as
 * hadolint's DL3062 documents it: when the RUN has a `go run`, only the package
 * right after `run` (the rest are the program's arguments); otherwise every
 * argument of `go install` / `go get` (`get -tool` included).
 */
export function goPackages(commands: readonly ShellCommand[]): GoPackage[] {
  // Loops that push to one list: filter/flatMap chains hand back empty
  // lists of another kind than full ones, which made V8 recompile the rule
  // again and again while warming up.
  const packages: GoPackage[] = [];
  for (const command of commands) {
    if (!hasArgs(command, 'go', ['run'])) continue;
    const args = nonOptionArguments(command);
    for (let i = 0; i < args.length && i < 2; i++)
      if (args[i] !== 'run')
        packages.push({ command, verb: 'run', pkg: args[i] });
  }
  if (packages.length > 0) return packages;
  for (const command of commands) {
    if (!hasArgs(command, 'go', ['install', 'get'])) continue;
    const verb = command.args.includes('install') ? 'install' : 'get';
    for (const pkg of nonOptionArguments(command))
      if (pkg !== 'install' && pkg !== 'get' && pkg !== 'tool')
        packages.push({ command, verb, pkg });
  }
  return packages;
}

interface GoPackage {
  command: ShellCommand;
  verb: string;
  pkg: string;
}

/** A local path, or `@version` other than the moving `@latest` / `@none`. */
export function isPinnedGoPackage(pkg: string): boolean {
  if (pkg === '.' || pkg.startsWith('/') || pkg.startsWith('.')) return true;
  return (
    pkg.includes('@') && !pkg.endsWith('@latest') && !pkg.endsWith('@none')
  );
}

export const rule: Rule = {
  id: 'go-pin-versions',
  title: 'go packages not pinned',
  category: 'correctness',
  severity: 'warning',
  unshipped: 'info',
  equivalents: ['DL3062'],
  description:
    '`go install example.com/tool` or `…@latest` (and the same with `go get` or `go run`) fetches whatever version is newest at build time, so two builds of one commit can differ. Name the version: `go install example.com/tool@v1.2.3`.',
  docsUrl: 'https://github.com/hadolint/hadolint/wiki/DL3062',
  check({ model }) {
    const hits: RuleHit[] = [];
    // The RUNs that run go at all; hadolint reads each RUN's go commands together.
    const runs = new Set<Instruction>();
    eachCommandNamed(model, 'go', (command, instruction) => {
      if (hasArgs(command, 'go', ['run', 'install', 'get']))
        runs.add(instruction);
      return undefined;
    });
    for (const instruction of runs) {
      const unpinned: GoPackage[] = [];
      for (const p of goPackages(runCommands(model, instruction)))
        if (!isPinnedGoPackage(p.pkg)) unpinned.push(p);
      if (unpinned.length === 0) continue;
      const verbs = [...new Set(unpinned.map(u => `go ${u.verb}`))];
      // The fixed line shows where the version goes; which version is the user's choice.
      const placeholders =
        instruction.keyword === 'RUN' &&
        unpinned.every(u => !u.pkg.endsWith('.go'))
          ? compact(
              unpinned.map(({ command, pkg }) =>
                replaceWord(
                  instruction,
                  command.words.find(w => w.value === pkg),
                  `${pkg.replace(/@(latest|none)$/, '')}@vX.Y.Z`,
                ),
              ),
            )
          : [];
      hits.push({
        instruction,
        message: `${verbs.join(', ')} without a pinned version: ${unpinned
          .map(u => u.pkg)
          .join(', ')}`,
        summary: `Name the version you tested, e.g. ${
          unpinned[0].pkg.replace(/@.*$/, '') || 'example.com/tool'
        }@v1.2.3.`,
        ...(placeholders.length > 0 && placeholders.length === unpinned.length
          ? { placeholders }
          : {}),
      });
    }
    return hits;
  },
};
