import type { Authorizer } from './transport';
import { protocolError } from './errors';
import type { RegistryReference } from './reference';
import { readLimited, type RegistryTransport } from './transport';

/** Tags asked for per page, and bounds that keep a hostile registry from holding a scan. */
const PAGE_SIZE = 1000;
const MAX_PAGES = 20;
const MAX_PAGE_BYTES = 4 * 1024 * 1024;
const MAX_TAG_LENGTH = 128;

/**
 * The `last` parameter of a `Link: <…?last=x&n=y>; rel="next"` header. Only
 * the parameter is taken: the next page is asked of the same registry and
 * repository whatever host or path the header names.
 */
export function nextPageMarker(link: string | undefined): string | undefined {
  if (!link || !/rel="?next"?/.test(link)) return undefined;
  const open = link.indexOf('<');
  const close = link.indexOf('>', open);
  if (open < 0 || close < 0) return undefined;
  const target = link.slice(open + 1, close);
  try {
    return (
      new URL(target, 'http://registry.invalid').searchParams.get('last') ??
      undefined
    );
  } catch {
    return undefined;
  }
}

/**
 * Every tag of a repository (`GET /v2/<name>/tags/list`, paginated by the
 * `Link` header), at most `MAX_PAGES` pages of `PAGE_SIZE`: a repository with
 * more is listed as far as that, and `complete` says so.
 */
export async function listTags(
  transport: RegistryTransport,
  auth: Authorizer,
  ref: RegistryReference,
): Promise<{ tags: string[]; complete: boolean }> {
  const tags: string[] = [];
  let last: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const query = new URLSearchParams({ n: String(PAGE_SIZE) });
    if (last !== undefined) query.set('last', last);
    const res = await transport.send(
      ref,
      {
        method: 'GET',
        path: `/v2/${ref.repository}/tags/list?${query}`,
        kind: 'tags',
        what: 'tag list',
      },
      auth,
    );
    let body: { tags?: unknown };
    try {
      body = JSON.parse(
        (await readLimited(res.body, MAX_PAGE_BYTES)).toString('utf8'),
      );
    } catch (error) {
      throw protocolError(
        ref,
        `the tag list could not be read (${(error as Error).message})`,
      );
    }
    const pageTags = Array.isArray(body?.tags) ? body.tags : [];
    for (const tag of pageTags)
      if (typeof tag === 'string' && tag.length <= MAX_TAG_LENGTH)
        tags.push(tag);
    const link = res.headers.link;
    const next = nextPageMarker(Array.isArray(link) ? link[0] : link);
    // A registry that names the same marker again would loop: stop there.
    if (next === undefined || next === last || pageTags.length === 0)
      return { tags, complete: true };
    last = next;
  }
  return { tags, complete: false };
}
