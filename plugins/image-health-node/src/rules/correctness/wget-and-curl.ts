import type { Rule, RuleHit } from '../types';
import type { DockerfileModel, Instruction } from '../../dockerfile/model';
import { commandsNamed } from '../peerCommands';
import { runCommands, nameOf } from '../peer';

export const rule: Rule = {
  id: 'wget-and-curl',
  title: 'Both wget and curl used',
  category: 'correctness',
  severity: 'warning',
  // DS-0014 agrees on trivy-checks' cases (rules/trivyChecks.test.ts); Trivy only sees a tool at the
  // start of an && part and skips parts with "install ", so a tool after `;` is ours alone.
  equivalents: ['DL4001', 'DS-0014'],
  description:
    'Using both wget and curl in one stage means installing both; pick one. Like hadolint, each RUN using either one is reported once the stage has used both.',
  docsUrl: 'https://github.com/hadolint/hadolint/wiki/DL4001',
  check({ model }) {
    const hits: RuleHit[] = [];
    // No stage uses both where the file lacks either: most files do (asking
    // every command of every RUN: 1.1 → 0.2 ms per corpus pass).
    if (
      commandsNamed(model, 'wget').length === 0 ||
      commandsNamed(model, 'curl').length === 0
    )
      return hits;
    for (const stage of model.stages) {
      // RUN and ONBUILD RUN are judged apart, as hadolint does.
      for (const keyword of ['RUN', 'ONBUILD']) {
        const used = new Set<string>();
        let first: string | undefined;
        for (const instruction of stage.instructions) {
          if (instruction.keyword !== keyword) continue;
          const tools = toolsOf(model, instruction);
          if (tools.size === 0) continue;
          for (const tool of tools) {
            used.add(tool);
            first ??= tool;
          }
          if (used.size < 2) continue;
          hits.push({
            instruction,
            message: `this stage uses both wget and curl (${[...tools].join(
              ' and ',
            )} here)`,
            summary: `Use ${first} everywhere in the stage.`,
          });
        }
      }
    }
    return hits;
  },
};

function toolsOf(
  model: DockerfileModel,
  instruction: Instruction,
): Set<string> {
  const tools = new Set<string>();
  for (const command of runCommands(model, instruction)) {
    const program = nameOf(command);
    if (program === 'wget' || program === 'curl') tools.add(program);
  }
  return tools;
}
