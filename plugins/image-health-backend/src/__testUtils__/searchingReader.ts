import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  FetchUrlReader,
  urlReaderFactoriesServiceRef,
} from '@backstage/backend-defaults/urlReader';
import { NotModifiedError } from '@backstage/errors';
import { DockerfileServer } from './DockerfileServer';

/**
 * A UrlReader for `files` like the integration of a Git host that can search
 * (GitHub, GitLab, …): reads exactly as Backstage's FetchUrlReader does, and
 * answers `search` from the server's tree listing, conditional on its ETag.
 * Without it, the server's host is read by the FetchUrlReader, which cannot
 * search a glob, as some integrations cannot.
 */
export function searchingReaderFor(files: DockerfileServer) {
  return createServiceFactory({
    service: urlReaderFactoriesServiceRef,
    deps: {},
    async factory() {
      return options =>
        FetchUrlReader.factory(options).map(({ predicate, reader }) => ({
          predicate: (url: URL) => url.host === files.host && predicate(url),
          reader: {
            readUrl: (url, readOptions) => reader.readUrl(url, readOptions),
            readTree: (url, readOptions) => reader.readTree(url, readOptions),
            async search(url, searchOptions) {
              const res = await fetch(url, {
                headers: searchOptions?.etag
                  ? { 'if-none-match': searchOptions.etag }
                  : {},
              });
              if (res.status === 304) throw new NotModifiedError();
              if (!res.ok) {
                throw new Error(`search of ${url} answered ${res.status}`);
              }
              const body = (await res.json()) as {
                files: Array<{ path: string; content: string }>;
              };
              return {
                etag: res.headers.get('etag') ?? '',
                files: body.files.map(file => ({
                  url: files.url(file.path),
                  content: async () => Buffer.from(file.content),
                })),
              };
            },
          },
        }));
    },
  });
}
