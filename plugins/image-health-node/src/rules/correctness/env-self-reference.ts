import type { Rule, RuleHit } from '../types';
import { keyValues, variablesUsedIn } from '../support';

/**
 * DL3044: an ENV whose value uses a variable set by another pair of the same
 * ENV (the value seen is the one from before the statement), unless an earlier
 * ENV or ARG anywhere in the file already declared that name. Referring to the
 * variable in its own value (`PATH=/opt/bin:$PATH`) is fine.
 */
export const rule: Rule = {
  id: 'env-self-reference',
  title: 'ENV refers to a variable it defines',
  category: 'correctness',
  severity: 'error',
  equivalents: ['DL3044'],
  description:
    'Inside one ENV statement, `$NAME` still means the value from before the statement, so `ENV A=1 B=$A/x` sets B to "/x" when A was unset. Define the variable in an earlier ENV.',
  docsUrl: 'https://github.com/hadolint/hadolint/wiki/DL3044',
  check({ model }) {
    const hits: RuleHit[] = [];
    const declared = new Set<string>();
    for (const instruction of model.instructions) {
      if (instruction.keyword === 'ARG') {
        for (const [name] of keyValues(instruction)) declared.add(name);
        continue;
      }
      if (instruction.keyword !== 'ENV') continue;
      const pairs = keyValues(instruction);
      // Without a `$` the statement refers to no variable (most ENVs).
      if (!instruction.args.includes('$')) {
        for (const [name] of pairs) declared.add(name);
        continue;
      }
      // Each value read once: how many values use each name (linear in the statement).
      const usedBy = pairs.map(([, value]) => variablesUsedIn(value ?? ''));
      const users = new Map<string, number>();
      for (const used of usedBy)
        for (const name of used) users.set(name, (users.get(name) ?? 0) + 1);
      const referred = pairs
        .filter(
          ([name], i) =>
            (users.get(name) ?? 0) - (usedBy[i].has(name) ? 1 : 0) > 0,
        )
        .map(([name]) => name)
        .filter(name => !declared.has(name));
      for (const [name] of pairs) declared.add(name);
      if (referred.length === 0) continue;
      const names = [...new Set(referred)];
      hits.push({
        instruction,
        message: `ENV uses ${names
          .map(n => `$${n}`)
          .join(', ')} in the statement that defines it`,
        summary: `Define ${names.join(
          ', ',
        )} in an ENV of its own before the one using it.`,
        // One ENV per pair: each value then sees the pairs before it, as the user meant.
        after: instruction.words.map(w => `ENV ${w.value}`).join('\n'),
      });
    }
    return hits;
  },
};
