export { imageHealthApiRef } from './ImageHealthApi';
export type {
  ImageHealthApi,
  ScorecardQuery,
  ScorecardSortField,
} from './ImageHealthApi';
export { ImageHealthClient } from './ImageHealthClient';
