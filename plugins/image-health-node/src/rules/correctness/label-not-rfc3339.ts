import { labelValueRule } from './labelSchema';

/** DL3053: a label the label schema types as `rfc3339` holds something else. */
export const rule = labelValueRule({
  id: 'label-not-rfc3339',
  hadolint: 'DL3053',
  type: 'rfc3339',
  title: 'Label is not an RFC 3339 time',
  what: 'an RFC 3339 date-time (2026-12-03T08:00:00Z)',
});
