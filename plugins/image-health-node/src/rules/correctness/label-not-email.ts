import { labelValueRule } from './labelSchema';

/** DL3058: a label the label schema types as `email` holds something else. */
export const rule = labelValueRule({
  id: 'label-not-email',
  hadolint: 'DL3058',
  type: 'email',
  title: 'Label is not an email address',
  what: 'an email address',
});
