import { lastOneWinsRule } from './repeated';

export const rule = lastOneWinsRule('multiple-cmd', 'CMD', [
  'DL4003',
  'DS-0016',
  'MultipleInstructionsDisallowed',
]);
