import { createBackendModule } from '@backstage/backend-plugin-api';
import { techInsightsFactRetrieversExtensionPoint } from '@backstage-community/plugin-tech-insights-node';
import { imageHealthFactRetriever } from './factRetriever';

/**
 * Adds Image Health's fact retriever to Tech Insights. It runs on the cadence
 * set in `techInsights.factRetrievers.imageHealthFactRetriever`.
 *
 * @public
 */
export const techInsightsModuleImageHealth = createBackendModule({
  pluginId: 'tech-insights',
  moduleId: 'image-health',
  register(env) {
    env.registerInit({
      deps: { factRetrievers: techInsightsFactRetrieversExtensionPoint },
      async init({ factRetrievers }) {
        factRetrievers.addFactRetrievers({ imageHealthFactRetriever });
      },
    });
  },
});
