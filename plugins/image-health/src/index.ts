/**
 * Image Health frontend plugin: the entity tab, the overview card and the
 * org-wide scorecard page.
 *
 * @packageDocumentation
 */
export {
  imageHealthPlugin,
  EntityImageHealthContent,
  EntityImageHealthCard,
  ImageHealthPage,
} from './plugin';
export { isImageHealthAvailable } from './availability';
export {
  imageHealthApiRef,
  ImageHealthClient,
  type ImageHealthApi,
  type ScorecardQuery,
  type ScorecardSortField,
} from './api';
