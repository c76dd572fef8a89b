import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import {
  compatWrapper,
  convertLegacyRouteRefs,
} from '@backstage/core-compat-api';
import AssessmentIcon from '@material-ui/icons/Assessment';
import { isImageHealthAvailable } from '@image-health/plugin-image-health-common';
import { ImageHealthClient, imageHealthApiRef } from '../api';
import {
  IMAGE_HEALTH_TAB_PATH,
  entityContentRouteRef,
  rootRouteRef,
} from '../routes';

// The legacy exports' route refs, so the card, the tab and the scorecard link
// to each other the same way in both frontend systems.
const routes = convertLegacyRouteRefs({
  root: rootRouteRef,
  entityContent: entityContentRouteRef,
});

/**
 * The Image Health API client (`api:image-health`).
 *
 * @alpha
 */
export const imageHealthApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: imageHealthApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ImageHealthClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * The entity tab (`entity-content:image-health`), on every entity Image
 * Health scans. Its path stays `image-health`: the card and the scorecard
 * link there.
 *
 * @alpha
 */
export const imageHealthEntityContent = EntityContentBlueprint.make({
  params: {
    path: IMAGE_HEALTH_TAB_PATH,
    title: 'Image Health',
    routeRef: routes.entityContent,
    filter: isImageHealthAvailable,
    loader: () =>
      import('../components/EntityImageHealthContent').then(m =>
        compatWrapper(<m.EntityImageHealthContent />),
      ),
  },
});

/**
 * The overview card (`entity-card:image-health`).
 *
 * @alpha
 */
export const imageHealthEntityCard = EntityCardBlueprint.make({
  params: {
    filter: isImageHealthAvailable,
    loader: () =>
      import('../components/EntityImageHealthCard').then(m =>
        compatWrapper(<m.EntityImageHealthCard />),
      ),
  },
});

/**
 * The org-wide scorecard at `/image-health` (`page:image-health`); its title
 * and icon make it the sidebar's "Image Health" item.
 *
 * @alpha
 */
export const imageHealthPage = PageBlueprint.make({
  params: {
    path: '/image-health',
    title: 'Image Health',
    icon: <AssessmentIcon fontSize="inherit" />,
    routeRef: routes.root,
    // The scorecard draws its own header.
    noHeader: true,
    loader: () =>
      import('../components/ImageHealthPage').then(m =>
        compatWrapper(<m.ImageHealthPage />),
      ),
  },
});

/**
 * Image Health on the new frontend system.
 *
 * @alpha
 */
export const imageHealthPlugin = createFrontendPlugin({
  pluginId: 'image-health',
  info: { packageJson: () => import('../../package.json') },
  routes: { root: routes.root, entityContent: routes.entityContent },
  extensions: [
    imageHealthApi,
    imageHealthEntityContent,
    imageHealthEntityCard,
    imageHealthPage,
  ],
});
