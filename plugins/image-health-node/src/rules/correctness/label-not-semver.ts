import { labelValueRule } from './labelSchema';

/** DL3056: a label the label schema types as `semver` holds something else. */
export const rule = labelValueRule({
  id: 'label-not-semver',
  hadolint: 'DL3056',
  type: 'semver',
  title: 'Label is not a semantic version',
  what: 'a semantic version (1.4.2)',
});
