import type { Rule, RuleHit } from '../types';
import type { ShellWord } from '../../dockerfile/shell';
import { compact, replaceWord } from '../support';
import { argsNoFlags, hasArgs } from '../peer';
import { runsWithCommandsNamed } from '../peerCommands';

/** DL3037: a version relation (`=`, `<`, `>`, `<=`, `>=`) or an `.rpm` file pins a package. */
function isPinnedZypperPackage(pkg: string): boolean {
  return /[=<>]/.test(pkg) || pkg.endsWith('.rpm');
}

export const rule: Rule = {
  id: 'zypper-pin-versions',
  title: 'zypper packages not pinned',
  category: 'correctness',
  severity: 'warning',
  unshipped: 'info',
  equivalents: ['DL3037'],
  description:
    'Unpinned zypper packages install whatever version the repositories serve at build time, so two builds of one commit can differ. Name the version: `zypper install -y nginx=1.21.5` (or a range such as `"nginx>=1.21"`).',
  docsUrl: 'https://github.com/hadolint/hadolint/wiki/DL3037',
  check({ model }) {
    const hits: RuleHit[] = [];
    // Only the RUNs that run zypper are visited (3.1 → 0.1 ms per corpus pass).
    for (const { instruction, commands } of runsWithCommandsNamed(
      model,
      'zypper',
    )) {
      const unpinned = commands.flatMap(command =>
        hasArgs(command, ['zypper'], ['install', 'in'])
          ? argsNoFlags(command)
              .filter(
                a => a !== 'install' && a !== 'in' && !isPinnedZypperPackage(a),
              )
              .map(pkg => ({ command, pkg }))
          : [],
      );
      if (unpinned.length === 0) continue;
      const used = new Set<ShellWord>();
      const placeholders =
        instruction.keyword === 'RUN'
          ? compact(
              unpinned.map(({ command, pkg }) => {
                const word = command.words
                  .slice(1)
                  .find(w => w.value === pkg && !used.has(w));
                if (word) used.add(word);
                return replaceWord(instruction, word, `${pkg}=X.Y.Z`);
              }),
            )
          : [];
      hits.push({
        instruction,
        message: `zypper install of unpinned packages: ${unpinned
          .map(u => u.pkg)
          .join(', ')}`,
        summary: `Pin each package to the version you tested, e.g. zypper install -y ${unpinned[0].pkg}=<version>.`,
        ...(placeholders.length === unpinned.length ? { placeholders } : {}),
      });
    }
    return hits;
  },
};
