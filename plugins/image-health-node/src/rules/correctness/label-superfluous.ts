import type { Rule } from '../types';
import { hadolintDocsUrl } from '../peer';
import { labelValues } from './labelSchema';

const equivalents = ['DL3050'];

/** DL3050: with `strict-labels`, a label the schema does not list. */
export const rule: Rule = {
  id: 'label-superfluous',
  title: 'Label not in the label schema',
  category: 'correctness',
  severity: 'info',
  equivalents,
  description:
    'With `strict-labels: true`, only the labels of the label schema may be set: a label outside it is a typo or an undocumented one.',
  docsUrl: hadolintDocsUrl(equivalents),
  check({ model, labelSchema, strictLabels }) {
    if (!labelSchema || !strictLabels) return [];
    return labelValues(model)
      .filter(l => !(l.key in labelSchema))
      .map(l => ({
        instruction: l.instruction,
        message: `label ${l.key} is not in the label schema`,
        summary: `Remove ${l.key}, or add it to label-schema.`,
      }));
  },
};
