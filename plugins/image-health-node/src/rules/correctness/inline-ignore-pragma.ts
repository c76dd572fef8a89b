import type { Rule, RuleHit } from '../types';
import { hadolintDocsUrl } from '../peer';

const equivalents = ['DL1001'];

/**
 * DL1001: an inline `# hadolint ignore=…` (or `# image-health ignore=…`) pragma.
 * Off by default, as in hadolint (severity "ignore"): a team that wants every
 * exception in its config file, where it is reviewed once, turns it on.
 */
export const rule: Rule = {
  id: 'inline-ignore-pragma',
  title: 'Inline ignore pragma',
  category: 'correctness',
  severity: 'info',
  optIn: true,
  equivalents,
  description:
    'An inline `# hadolint ignore=…` comment hides findings where a reviewer seldom looks. Record the exception in the lint configuration instead (`ignored` in .hadolint.yaml, `imageHealth.rules.ignore`). `global` and `stage` pragmas are not reported, as in hadolint.',
  docsUrl: hadolintDocsUrl(equivalents),
  check({ model }) {
    const hits: RuleHit[] = [];
    for (const pragma of model.pragmas) {
      if (pragma.scope !== 'next') continue;
      hits.push({
        instruction:
          pragma.next === undefined
            ? undefined
            : model.instructions[pragma.next],
        message: `line ${pragma.line} ignores ${pragma.ids.join(', ')} inline`,
        summary:
          'Move the exception to the lint configuration (`ignored` in .hadolint.yaml) and delete the comment.',
      });
    }
    return hits;
  },
};
