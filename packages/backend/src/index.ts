import { createBackend } from '@backstage/backend-defaults';
import { exampleFilesPlugin } from './exampleFiles';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
// Guest sign-in for the local example app; adopters configure their own provider.
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import('@backstage/plugin-permission-backend-module-allow-all-policy'),
);

backend.add(import('@image-health/plugin-image-health-backend'));

// Serves examples/ for the example catalog; off unless exampleFiles.directory is set.
backend.add(exampleFilesPlugin);

backend.start();
