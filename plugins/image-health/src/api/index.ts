export { imageHealthApiRef } from './ImageHealthApi';
// The sort fields are the backend's: one list in -common.
export {
  SCORECARD_POLICY_FILTERS,
  SCORECARD_SORT_FIELDS,
  type ScorecardPolicyFilter,
  type ScorecardSortField,
} from '@image-health/plugin-image-health-common';
export type { ImageHealthApi, ScorecardQuery } from './ImageHealthApi';
export { ImageHealthClient } from './ImageHealthClient';
