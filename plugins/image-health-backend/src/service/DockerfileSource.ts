import { UrlReaderService } from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';

/** A Dockerfile (or .dockerignore) as read through the UrlReader. */
export type SourceRead =
  | { state: 'unchanged' }
  | { state: 'missing' }
  | { state: 'read'; content: string; etag?: string };

/**
 * Reads Dockerfiles and the `.dockerignore` beside them, only through
 * Backstage's UrlReader, so the adopter's integrations, credentials and
 * `backend.reading.allow` apply and no local file is ever opened.
 */
export class DockerfileSource {
  constructor(private readonly urlReader: UrlReaderService) {}

  /** Reads `url`; `unchanged` when the source confirms `etag` is still current. */
  async read(url: string, options?: { etag?: string }): Promise<SourceRead> {
    try {
      const response = await this.urlReader.readUrl(url, {
        etag: options?.etag || undefined,
      });
      const content = (await response.buffer()).toString('utf8');
      return { state: 'read', content, etag: response.etag || undefined };
    } catch (error) {
      if (isError(error) && error.name === 'NotModifiedError') {
        return { state: 'unchanged' };
      }
      if (isError(error) && error.name === 'NotFoundError') {
        return { state: 'missing' };
      }
      throw new Error(`could not read ${url}: ${describe(error)}`);
    }
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
