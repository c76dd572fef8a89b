import { createBackend } from '@backstage/backend-defaults';
import { exampleFilesPlugin, exampleFilesReader } from './exampleFiles';
import { imageHealthExamplePolicyModule } from './permissionPolicy';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
// Guest sign-in for the local example app; adopters configure their own provider.
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

backend.add(import('@backstage/plugin-permission-backend'));
// Owners may rescan their entities; everything else is allowed (permissionPolicy.ts).
// The allow-all policy module lets anyone rescan anything: development only.
backend.add(imageHealthExamplePolicyModule);

backend.add(import('@image-health/plugin-image-health-backend'));

// Image Health facts and ready checks in Tech Insights.
backend.add(import('@backstage-community/plugin-tech-insights-backend'));
backend.add(
  import('@backstage-community/plugin-tech-insights-backend-module-jsonfc'),
);
backend.add(
  import('@image-health/plugin-image-health-backend-module-tech-insights'),
);

// Delivers Image Health's regression notifications.
backend.add(import('@backstage/plugin-notifications-backend'));

// Serves examples/ for the example catalog, and searches it for Dockerfiles as
// a Git host's integration does; off unless exampleFiles.directory is set.
backend.add(exampleFilesPlugin);
backend.add(exampleFilesReader);

backend.start();
