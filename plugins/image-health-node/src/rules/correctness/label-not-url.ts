import { labelValueRule } from './labelSchema';

/** DL3052: a label the label schema types as `url` holds something else. */
export const rule = labelValueRule({
  id: 'label-not-url',
  hadolint: 'DL3052',
  type: 'url',
  title: 'Label is not a valid URL',
  what: 'a URL',
});
