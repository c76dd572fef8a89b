export { imageHealthApiRef, SCORECARD_SORT_FIELDS } from './ImageHealthApi';
export type {
  ImageHealthApi,
  ScorecardQuery,
  ScorecardSortField,
} from './ImageHealthApi';
export { ImageHealthClient } from './ImageHealthClient';
