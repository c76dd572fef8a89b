import { lastOneWinsRule } from './repeated';

export const rule = lastOneWinsRule(
  'multiple-healthcheck',
  'HEALTHCHECK',
  ['DL3012', 'DS-0023', 'MultipleInstructionsDisallowed'],
  'error',
);
