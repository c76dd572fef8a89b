import {
  coreServices,
  createBackendPlugin,
  createServiceFactory,
  UrlReaderServiceSearchResponseFile,
} from '@backstage/backend-plugin-api';
import {
  FetchUrlReader,
  urlReaderFactoriesServiceRef,
} from '@backstage/backend-defaults/urlReader';
import { Config } from '@backstage/config';
import { NotModifiedError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import { Minimatch } from 'minimatch';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';

/** Where the example files are served: under the backend's own URL. */
function examplesUrl(config: Config): string {
  return `${config
    .getString('backend.baseUrl')
    .replace(/\/+$/, '')}/api/examples/`;
}

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

/** Every file below `dir`, as paths relative to `root` with `/` separators. */
async function filesBelow(root: string, dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter(entry => entry.isFile())
    .map(entry =>
      relative(root, join(entry.parentPath, entry.name))
        .split(sep)
        .join('/'),
    )
    .sort();
}

/**
 * The UrlReader of the example files: reads them as Backstage's
 * FetchUrlReader reads any allowed host, and searches them as a Git host's
 * integration does (GitHub, GitLab, …), so the example monorepo's components
 * have their Dockerfiles found. The search's ETag is the hash of every
 * matching file, as a commit is of a repository.
 *
 * Only for the local example app: enabled by `exampleFiles.directory`.
 */
export const exampleFilesReader = createServiceFactory({
  service: urlReaderFactoriesServiceRef,
  deps: {},
  async factory() {
    return options => {
      const directory = options.config.getOptionalString(
        'exampleFiles.directory',
      );
      if (!directory) return [];
      const root = resolve(directory);
      const base = examplesUrl(options.config);
      return FetchUrlReader.factory(options).map(({ predicate, reader }) => ({
        predicate: (url: URL) =>
          url.toString().startsWith(base) && predicate(url),
        reader: {
          readUrl: (url, readOptions) => reader.readUrl(url, readOptions),
          readTree: (url, readOptions) => reader.readTree(url, readOptions),
          async search(url, searchOptions) {
            const segments = decodeURIComponent(url.slice(base.length)).split(
              '/',
            );
            const firstGlob = segments.findIndex(s => /[*?{[]/.test(s));
            if (firstGlob < 0) return reader.search(url, searchOptions);
            const dir = resolve(root, ...segments.slice(0, firstGlob));
            if (dir !== root && !dir.startsWith(`${root}${sep}`)) {
              return { files: [], etag: '' };
            }
            const matcher = new Minimatch(segments.slice(firstGlob).join('/'));
            const prefix = relative(root, dir).split(sep).join('/');
            const matching = (
              await filesBelow(root, dir).catch(() => [])
            ).filter(path =>
              matcher.match(prefix ? path.slice(prefix.length + 1) : path),
            );
            const hash = createHash('sha256');
            const files: UrlReaderServiceSearchResponseFile[] = [];
            for (const path of matching) {
              const content = await readFile(join(root, path));
              hash.update(`${path}\u0000`).update(content);
              files.push({
                url: `${base}${path}`,
                content: async () => content,
              });
            }
            const etag = hash.digest('hex');
            if (searchOptions?.etag === etag) throw new NotModifiedError();
            return { files, etag };
          },
        },
      }));
    };
  },
});
