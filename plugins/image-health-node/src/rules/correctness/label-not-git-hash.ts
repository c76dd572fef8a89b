import { labelValueRule } from './labelSchema';

/** DL3055: a label the label schema types as `hash` holds something else. */
export const rule = labelValueRule({
  id: 'label-not-git-hash',
  hadolint: 'DL3055',
  type: 'hash',
  title: 'Label is not a git hash',
  what: 'a git commit hash',
});
