import type { Rule } from '../types';
import { hadolintDocsUrl } from '../peer';
import { missingLabelHits } from './labelSchema';

const equivalents = ['DL3049'];

/** DL3049: every label of the schema is set on each stage that ships (or on what ships from it). */
export const rule: Rule = {
  id: 'label-missing',
  title: 'Label required by the label schema is missing',
  category: 'correctness',
  severity: 'info',
  equivalents,
  description:
    'The label schema (`label-schema` in .hadolint.yaml, or the lint config) lists labels every image must carry. A stage is reported when neither it, a stage it is built FROM, nor a stage built on or copying from it sets the label.',
  docsUrl: hadolintDocsUrl(equivalents),
  check({ model, labelSchema }) {
    if (!labelSchema) return [];
    return Object.keys(labelSchema).flatMap(key =>
      missingLabelHits(model, key),
    );
  },
};
