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
    // Plain indexed loops: this runs over every instruction of every file,
    // and destructuring pairs through the iterator protocol made V8 compile
    // it again and again while warming up.
    const hits: RuleHit[] = [];
    const declared = new Set<string>();
    for (const instruction of model.instructions) {
      if (instruction.keyword !== 'ENV' && instruction.keyword !== 'ARG')
        continue;
      const pairs = keyValues(instruction);
      if (instruction.keyword === 'ENV' && instruction.args.includes('$')) {
        const names = namesReferredBefore(pairs, declared);
        if (names.length > 0)
          hits.push({
            instruction,
            message: `ENV uses ${names
              .map(n => `$${n}`)
              .join(', ')} in the statement that defines it`,
            summary: `Define ${names.join(
              ', ',
            )} in an ENV of its own before the one using it.`,
            after: instruction.words.map(w => `ENV ${w.value}`).join('\n'),
          });
      }
      for (let i = 0; i < pairs.length; i++) declared.add(pairs[i][0]);
    }
    return hits;
  },
};

/**
 * The names (once each, in order) that one pair of an ENV sets and another
 * pair of the same ENV uses, which no earlier ENV or ARG declared.
 */
function namesReferredBefore(
  pairs: ReadonlyArray<[string, string | undefined]>,
  declared: ReadonlySet<string>,
): string[] {
  const usedBy: Array<Set<string>> = [];
  const users = new Map<string, number>();
  for (let i = 0; i < pairs.length; i++) {
    const used = variablesUsedIn(pairs[i][1] ?? '');
    usedBy.push(used);
    for (const name of used) users.set(name, (users.get(name) ?? 0) + 1);
  }
  const names: string[] = [];
  for (let i = 0; i < pairs.length; i++) {
    const name = pairs[i][0];
    const byOthers = (users.get(name) ?? 0) - (usedBy[i].has(name) ? 1 : 0);
    if (byOthers > 0 && !declared.has(name) && !names.includes(name))
      names.push(name);
  }
  return names;
}
