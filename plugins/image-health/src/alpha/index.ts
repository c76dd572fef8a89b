/**
 * Image Health for apps on Backstage's new frontend system: one feature with
 * the API client, the entity tab, the overview card and the scorecard page
 * (which is also the sidebar item).
 *
 * @packageDocumentation
 */
export { imageHealthPlugin as default } from './plugin';
export {
  imageHealthApi,
  imageHealthEntityCard,
  imageHealthEntityContent,
  imageHealthPage,
} from './plugin';
