import type { Rule, RuleHit } from '../types';
import { sourceOf, type Instruction } from '../../dockerfile/model';
import { commandsOf, eachCommand } from '../support';

/**
 * Trivy's DS-0024 ("'apt-get dist-upgrade' used"; deprecated in trivy-checks,
 * so off unless enabled there): a shell-form RUN whose `apt-get` runs
 * `dist-upgrade`, with or without options before it (`-q`, `--quiet`, `-y`).
 * `apt-get upgrade` is not reported. Trivy matches the RUN text against a
 * pattern that needs a word between `apt-get` and `dist-upgrade`, so it misses
 * a lone `RUN apt-get dist-upgrade`; we read commands and report that one too.
 */
export const rule: Rule = {
  id: 'apt-get-dist-upgrade',
  title: "'apt-get dist-upgrade' used",
  category: 'base-image',
  severity: 'warning',
  unshipped: 'info',
  // DKL-DI-0003 ("Avoid apt-get dist-upgrade"): dockle reads the image history the same way.
  equivalents: ['DS-0024', 'DKL-DI-0003'],
  description:
    '`apt-get dist-upgrade` may move the image to new major package versions, adds a layer that duplicates much of the base image, and makes two builds of one commit differ. Build on a newer base image tag (or rebuild on the refreshed one) instead.',
  docsUrl: 'https://avd.aquasec.com/misconfig/ds024',
  check({ model }) {
    const hits: RuleHit[] = [];
    const upgrades = eachCommand(model, (command, instruction) =>
      command.program === 'apt-get' &&
      instruction.keyword === 'RUN' &&
      !instruction.json &&
      command.args.includes('dist-upgrade')
        ? ([command, instruction] as const)
        : undefined,
    );
    let previous: Instruction | undefined;
    for (const [upgrade, instruction] of upgrades) {
      // One finding per RUN.
      if (instruction === previous) continue;
      previous = instruction;
      const run = instruction.shell;
      if (!run) continue;
      const commands = commandsOf(instruction);
      // Show the RUN without the upgrade: drop it with the operator that joins it to its neighbour.
      const top = commands.filter(c => !c.nested);
      const at = top.indexOf(upgrade);
      const source = sourceOf(model, instruction);
      let after: string | undefined;
      const cut = (from: number, to: number) => {
        const start = run.toSource(from);
        const end = run.toSource(to);
        if (start === undefined || end === undefined) return undefined;
        return (
          source.slice(0, start - instruction.start) +
          source.slice(end - instruction.start)
        );
      };
      if (at >= 0 && at + 1 < top.length && upgrade.terminator === '&&')
        after = cut(upgrade.start, top[at + 1].start);
      else if (at > 0 && top[at - 1].terminator === '&&')
        after = cut(top[at - 1].end, upgrade.end);
      hits.push({
        instruction,
        message: `apt-get dist-upgrade in RUN at line ${instruction.line}: upgrade the base image instead`,
        summary:
          'Drop the dist-upgrade and build on a newer (or freshly pulled) base image tag.',
        ...(after !== undefined ? { after } : {}),
      });
    }
    return hits;
  },
};
