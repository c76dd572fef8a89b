import type { Rule } from '../types';
import { eachCommand, programOf } from '../support';

export const rule: Rule = {
  id: 'wget-and-curl',
  title: 'Both wget and curl used',
  category: 'correctness',
  severity: 'warning',
  equivalents: ['DL4001', 'DS-0014'],
  description: 'Using both wget and curl means installing both; pick one.',
  docsUrl: 'https://github.com/hadolint/hadolint/wiki/DL4001',
  check({ model }) {
    const uses = eachCommand(model, (command, instruction) =>
      programOf(command) === 'wget' || programOf(command) === 'curl'
        ? { program: programOf(command), instruction }
        : undefined,
    );
    const programs = new Set(uses.map(u => u.program));
    if (programs.size < 2) return [];
    const first = uses[0].program;
    return uses
      .filter(u => u.program !== first)
      .filter(
        (u, k, all) =>
          all.findIndex(x => x.instruction === u.instruction) === k,
      )
      .map(u => ({
        instruction: u.instruction,
        message: `${u.program} is used here but ${first} is used elsewhere in the file`,
        summary: `Use ${first} everywhere.`,
      }));
  },
};
