import { lastOneWinsRule } from './repeated';

export const rule = lastOneWinsRule(
  'multiple-entrypoint',
  'ENTRYPOINT',
  ['DL4004', 'DS-0007', 'MultipleInstructionsDisallowed'],
  'error',
);
