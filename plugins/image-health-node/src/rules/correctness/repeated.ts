import type { Rule } from '../types';
import { hadolintDocsUrl } from '../peer';

/** "Only the last <KEYWORD> of a stage takes effect" rules. */
export function lastOneWinsRule(
  id: string,
  keyword: string,
  equivalents: string[],
  severity: Rule['severity'] = 'warning',
): Rule {
  return {
    id,
    title: `Multiple ${keyword} instructions`,
    category: 'correctness',
    severity,
    equivalents,
    description: `Only the last ${keyword} of a stage takes effect; the earlier ones are dead code that misleads readers.`,
    docsUrl: hadolintDocsUrl(equivalents),
    check({ model }) {
      return model.stages.flatMap(stage => {
        const all = stage.instructions.filter(i => i.keyword === keyword);
        return all.slice(1).map(instruction => ({
          instruction,
          message: `${keyword} on line ${instruction.line} overrides the ${keyword} on line ${all[0].line}`,
          summary: `Keep one ${keyword} per stage.`,
        }));
      });
    },
  };
}
