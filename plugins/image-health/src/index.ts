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
/** Whether Image Health scans an entity: show its tab and card where this is true. */
export { isImageHealthAvailable } from '@image-health/plugin-image-health-common';
export {
  imageHealthApiRef,
  ImageHealthClient,
  type ImageHealthApi,
  type ScorecardQuery,
  type ScorecardSortField,
} from './api';
