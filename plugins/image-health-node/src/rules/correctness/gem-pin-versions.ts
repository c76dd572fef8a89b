import type { Rule, RuleHit } from '../types';
import type { ShellCommand } from '../../dockerfile/shell';
import type { Instruction } from '../../dockerfile/model';
import { compact, replaceWord } from '../support';
import { eachCommandWithOnbuild } from '../peerCommands';
import { hasArgs } from '../peer';

/**
 * The gems a `gem install` / `gem i` names without a version, read as
 * hadolint's DL3028 documents it: a gem is pinned by `name:version`; `-v`,
 * `--version` or `--version=` anywhere pins the whole command; words after
 * `--` go to the gem's build and are not gems; and every other option is taken
 * to carry a value, so the word after it is not read as a gem either
 * (`gem install bundler:2.0.1 --use-system-libraries true` is pinned).
 */
export function unpinnedGems(command: ShellCommand): string[] {
  if (!hasArgs(command, 'gem', ['install', 'i'])) return [];
  const args = command.args;
  if (
    args.some(
      a => a === '-v' || a === '--version' || a.startsWith('--version='),
    )
  )
    return [];
  const gems: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') break;
    if (arg.startsWith('-')) {
      i++;
      continue;
    }
    if (arg === 'install' || arg === 'i') continue;
    if (!arg.includes(':')) gems.push(arg);
  }
  return gems;
}

export const rule: Rule = {
  id: 'gem-pin-versions',
  title: 'gem packages not pinned',
  category: 'correctness',
  severity: 'warning',
  unshipped: 'info',
  equivalents: ['DL3028'],
  description:
    'An unpinned `gem install` installs whatever version RubyGems serves at build time, so two builds of one commit can differ. Pin each gem (`gem install bundler:2.5.6`, or `-v 2.5.6`), or install from a Gemfile.lock with bundler.',
  docsUrl: 'https://github.com/hadolint/hadolint/wiki/DL3028',
  check({ model }) {
    const hits: RuleHit[] = [];
    // One finding per RUN (as hadolint reports it), listing every unpinned gem in it.
    const byRun = new Map<
      Instruction,
      Array<{ command: ShellCommand; gem: string }>
    >();
    eachCommandWithOnbuild(model, (command, instruction) => {
      if (command.program !== 'gem') return undefined;
      for (const gem of unpinnedGems(command)) {
        let list = byRun.get(instruction);
        if (!list) byRun.set(instruction, (list = []));
        list.push({ command, gem });
      }
      return undefined;
    });
    for (const [instruction, unpinned] of byRun) {
      // The fixed line shows where the version goes; the version itself is the user's choice.
      const placeholders =
        instruction.keyword === 'RUN'
          ? compact(
              unpinned.map(({ command, gem }) =>
                replaceWord(
                  instruction,
                  command.words.find(w => w.value === gem),
                  `${gem}:X.Y.Z`,
                ),
              ),
            )
          : [];
      hits.push({
        instruction,
        message: `gem install of unpinned gems: ${unpinned
          .map(u => u.gem)
          .join(', ')}`,
        summary: `Pin each gem to the version you tested, e.g. gem install ${unpinned[0].gem}:<version>.`,
        ...(placeholders.length === unpinned.length ? { placeholders } : {}),
      });
    }
    return hits;
  },
};
