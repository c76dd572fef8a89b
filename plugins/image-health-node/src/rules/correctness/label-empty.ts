import type { Rule } from '../types';
import { hadolintDocsUrl } from '../peer';
import { labelValues } from './labelSchema';

const equivalents = ['DL3051'];

/** DL3051: a label of the schema set to an empty value. */
export const rule: Rule = {
  id: 'label-empty',
  title: 'Label of the label schema is empty',
  category: 'correctness',
  severity: 'warning',
  equivalents,
  description:
    'A label the label schema requires is set, but to nothing: tools reading it get no value.',
  docsUrl: hadolintDocsUrl(equivalents),
  check({ model, labelSchema }) {
    if (!labelSchema) return [];
    return labelValues(model)
      .filter(l => l.key in labelSchema && l.value.trim() === '')
      .map(l => ({
        instruction: l.instruction,
        message: `label ${l.key} is empty`,
        summary: `Give ${l.key} a value.`,
      }));
  },
};
