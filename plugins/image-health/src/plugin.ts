import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { ImageHealthClient, imageHealthApiRef } from './api';
import { entityContentRouteRef, rootRouteRef } from './routes';

export const imageHealthPlugin = createPlugin({
  id: 'image-health',
  apis: [
    createApiFactory({
      api: imageHealthApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ImageHealthClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
    entityContent: entityContentRouteRef,
  },
});

/** The entity tab: score, images, layers, findings with remediation, history. */
export const EntityImageHealthContent = imageHealthPlugin.provide(
  createRoutableExtension({
    name: 'EntityImageHealthContent',
    component: () =>
      import('./components/EntityImageHealthContent').then(
        m => m.EntityImageHealthContent,
      ),
    mountPoint: entityContentRouteRef,
  }),
);

/** The overview card: grade, score, size and the top three findings. */
export const EntityImageHealthCard = imageHealthPlugin.provide(
  createComponentExtension({
    name: 'EntityImageHealthCard',
    component: {
      lazy: () =>
        import('./components/EntityImageHealthCard').then(
          m => m.EntityImageHealthCard,
        ),
    },
  }),
);

/** The org-wide scorecard page. */
export const ImageHealthPage = imageHealthPlugin.provide(
  createRoutableExtension({
    name: 'ImageHealthPage',
    component: () =>
      import('./components/ImageHealthPage').then(m => m.ImageHealthPage),
    mountPoint: rootRouteRef,
  }),
);
