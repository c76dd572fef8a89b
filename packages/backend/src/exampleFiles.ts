import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { resolve } from 'node:path';

/**
 * Serves the example catalog's files (Dockerfiles, .dockerignore, sources)
 * read-only under /api/examples, so the example entities point at them with
 * `url:` source locations and Image Health reads them through the UrlReader,
 * exactly as it reads GitHub or GitLab files in production.
 *
 * Only for the local example app: enabled by `exampleFiles.directory`.
 */
export const exampleFilesPlugin = createBackendPlugin({
  pluginId: 'examples',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        http: coreServices.httpRouter,
        logger: coreServices.logger,
      },
      async init({ config, http, logger }) {
        const directory = config.getOptionalString('exampleFiles.directory');
        if (!directory) return;
        const root = resolve(directory);
        const router = Router();
        router.use(
          express.static(root, {
            dotfiles: 'allow',
            index: false,
            fallthrough: false,
          }),
        );
        http.use(router);
        http.addAuthPolicy({ path: '/', allow: 'unauthenticated' });
        logger.info(`Serving example files from ${root}`);
      },
    });
  },
});
