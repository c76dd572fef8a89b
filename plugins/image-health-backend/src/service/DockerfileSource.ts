import {
  UrlReaderService,
  UrlReaderServiceReadUrlResponse,
} from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import {
  dockerignoreFor,
  DOCKERFILE_SEARCH_GLOB,
  DockerfileSearchLimits,
  SearchHit,
  selectDockerfiles,
} from './dockerfileSearch';

/** A Dockerfile (or .dockerignore) as read through the UrlReader. */
export type SourceRead =
  | { state: 'unchanged' }
  | { state: 'missing' }
  | { state: 'read'; content: string; etag?: string };

/** A Dockerfile found by searching a source location, with what was read of it. */
export interface FoundDockerfile {
  /** Its path below the source location, as the report names it. */
  location: string;
  url: string;
  /** Absent when it could not be read; `error` says why. */
  content?: string;
  dockerignore: string | null;
  error?: string;
}

/** What one search of a source location found. */
export type SourceSearch =
  | { state: 'unchanged' }
  | {
      state: 'found';
      /** The repository's version (commit or ETag); unchanged until it changes. */
      etag?: string;
      dockerfiles: FoundDockerfile[];
      found: number;
      message?: string;
    }
  | { state: 'unsearchable'; reason: string };

/** A Dockerfile over the size limit: the scan reports it instead of reading it. */
class TooLargeError extends Error {}

/** What is read and stored of one Dockerfile at most, unless configured (`imageHealth.dockerfiles.maxBytes`). */
export const DEFAULT_DOCKERFILE_MAX_BYTES = 1024 * 1024;

/**
 * Reads Dockerfiles and the `.dockerignore` beside them, only through
 * Backstage's UrlReader, so the adopter's integrations, credentials and
 * `backend.reading.allow` apply and no local file is ever opened.
 */
export class DockerfileSource {
  constructor(
    private readonly urlReader: UrlReaderService,
    private readonly maxBytes = DEFAULT_DOCKERFILE_MAX_BYTES,
  ) {}

  /** Reads `url`; `unchanged` when the source confirms `etag` is still current. */
  async read(url: string, options?: { etag?: string }): Promise<SourceRead> {
    try {
      const response = await this.urlReader.readUrl(url, {
        etag: options?.etag || undefined,
      });
      const content = (await this.readBounded(response, url)).toString('utf8');
      return { state: 'read', content, etag: response.etag || undefined };
    } catch (error) {
      if (isError(error) && error.name === 'NotModifiedError') {
        return { state: 'unchanged' };
      }
      if (isError(error) && error.name === 'NotFoundError') {
        return { state: 'missing' };
      }
      if (error instanceof TooLargeError) throw error;
      throw new Error(`could not read ${url}: ${describe(error)}`);
    }
  }

  /**
   * Searches the directory `base` (ending in `/`) for Dockerfiles in one
   * request; `unchanged` when the source confirms `etag` is still current.
   * `allowed` says whether a found URL may be read (the entity's repository).
   */
  async search(
    base: string,
    limits: DockerfileSearchLimits,
    options: { etag?: string; allowed(url: string): boolean },
  ): Promise<SourceSearch> {
    let response;
    try {
      response = await this.urlReader.search(
        `${base}${DOCKERFILE_SEARCH_GLOB}`,
        { etag: options.etag || undefined },
      );
    } catch (error) {
      if (isError(error) && error.name === 'NotModifiedError') {
        return { state: 'unchanged' };
      }
      return { state: 'unsearchable', reason: describe(error) };
    }
    const files = new Map(response.files.map(file => [file.url, file]));
    const hits: SearchHit[] = [];
    for (const url of files.keys()) {
      if (!url.startsWith(base) || !options.allowed(url)) continue;
      hits.push({ path: url.slice(base.length), url });
    }
    const selection = selectDockerfiles(hits, limits);
    const text = async (url: string): Promise<string> => {
      const content = await files.get(url)!.content();
      if (content.length > this.maxBytes) throw this.tooLarge(url);
      return content.toString('utf8');
    };
    const dockerfiles = await Promise.all(
      selection.dockerfiles.map(async (hit): Promise<FoundDockerfile> => {
        const ignore = dockerignoreFor(hit.path, selection.dockerignores);
        try {
          return {
            location: hit.path,
            url: hit.url,
            content: await text(hit.url),
            dockerignore: ignore ? await text(ignore.url) : null,
          };
        } catch (error) {
          return {
            location: hit.path,
            url: hit.url,
            dockerignore: null,
            error: describe(error),
          };
        }
      }),
    );
    return {
      state: 'found',
      etag: response.etag || undefined,
      dockerfiles,
      found: selection.found,
      ...(selection.message ? { message: selection.message } : {}),
    };
  }

  private tooLarge(url: string): TooLargeError {
    return new TooLargeError(
      `${redactUrlCredentials(url)} is larger than ${
        this.maxBytes
      } bytes (imageHealth.dockerfiles.maxBytes): not read`,
    );
  }

  /** The body, streamed and cut off past `maxBytes`, so a huge file never sits in memory whole. */
  private async readBounded(
    response: UrlReaderServiceReadUrlResponse,
    url: string,
  ): Promise<Buffer> {
    const tooLarge = () => this.tooLarge(url);
    if (!response.stream) {
      const whole = await response.buffer();
      if (whole.length > this.maxBytes) throw tooLarge();
      return whole;
    }
    const chunks: Buffer[] = [];
    let total = 0;
    const stream = response.stream();
    for await (const chunk of stream) {
      total += (chunk as Buffer).length;
      if (total > this.maxBytes) {
        stream.destroy();
        throw tooLarge();
      }
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks);
  }

  /** The `.dockerignore` in the directory of the Dockerfile at `dockerfileUrl`. */
  dockerignoreUrl(dockerfileUrl: string): string {
    return new URL('.dockerignore', dockerfileUrl).toString();
  }
}

function describe(error: unknown): string {
  if (!isError(error)) return String(error);
  // Never the stack, and never credentials embedded in a URL.
  return redactUrlCredentials(error.message);
}

/** `https://user:token@host/…` → `https://***@host/…` */
export function redactUrlCredentials(text: string): string {
  return text.replace(/\/\/[^/@\s]+@/g, '//***@');
}
