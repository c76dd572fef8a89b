import { labelValueRule } from './labelSchema';

/** DL3054: a label the label schema types as `spdx` holds something else. */
export const rule = labelValueRule({
  id: 'label-not-spdx',
  hadolint: 'DL3054',
  type: 'spdx',
  title: 'Label is not an SPDX license identifier',
  what: 'an SPDX license identifier (Apache-2.0, MIT, …)',
});
