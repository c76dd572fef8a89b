/**
 * Where an entity's Dockerfiles may be read from: inside the repository of its
 * own source location. An annotation is written by whoever edits the
 * catalog-info.yaml; the read happens with the backend's integration token, so
 * without this a catalog author could read another team's private repository
 * (`image-health/dockerfile: https://github.com/other-org/private/blob/main/secrets.env`)
 * and have it shown to every reader of the entity.
 */

/** URL path shapes that name a repository, by hosting product. */
const REPOSITORY_SHAPES: Array<(segments: string[]) => number | undefined> = [
  // GitLab (nested groups): everything before `/-/`.
  s => {
    const dash = s.indexOf('-');
    return dash > 1 ? dash : undefined;
  },
  // Bitbucket Server / Data Center: /projects/P/repos/R/…, /users/U/repos/R/…
  s =>
    (s[0] === 'projects' || s[0] === 'users') && s[2] === 'repos' && s[3]
      ? 4
      : undefined,
  // Azure DevOps: /org/project/_git/repo
  s => {
    const git = s.indexOf('_git');
    return git > 0 && s[git + 1] ? git + 2 : undefined;
  },
  // GitHub, Gitea, Bitbucket Cloud: /owner/repo/(tree|blob|raw|src|…)/ref/…
  s =>
    s.length >= 3 &&
    ['tree', 'blob', 'raw', 'src', 'browse', 'edit'].includes(s[2])
      ? 2
      : undefined,
];

const RAW_CONTENT_HOSTS = new Set(['raw.githubusercontent.com']);

function segmentsOf(url: URL): string[] {
  return url.pathname.split('/').filter(Boolean);
}

/**
 * The URL prefix (origin and path, ending in `/`) of the repository a source
 * location names. Where no hosting product's shape is recognised, the source
 * location's own directory is the boundary: nothing above it is readable.
 */
export function repositoryRoot(sourceUrl: string): string {
  const url = new URL(sourceUrl);
  const segments = segmentsOf(url);
  let depth: number | undefined;
  if (RAW_CONTENT_HOSTS.has(url.hostname) && segments.length >= 2) depth = 2;
  for (const shape of REPOSITORY_SHAPES) {
    if (depth !== undefined) break;
    depth = shape(segments);
  }
  if (depth === undefined) {
    const dir = url.pathname.endsWith('/')
      ? url.pathname
      : url.pathname.slice(0, url.pathname.lastIndexOf('/') + 1);
    return `${url.origin}${dir}`;
  }
  return `${url.origin}/${segments.slice(0, depth).join('/')}/`;
}

/** Encoded separators and dots survive URL normalisation and may be decoded by a reader later. */
const SMUGGLED_SEPARATORS = /%2f|%5c|%2e|\\/i;

/**
 * Why `target` may not be read for an entity whose source location is
 * `source`, or undefined when it may: it must be under the source's
 * repository (same origin, same repository path, after `..` is resolved) or
 * under a prefix the operator allows (`imageHealth.dockerfiles.allowedLocations`).
 */
export function refusalOf(
  target: string,
  source: string | undefined,
  allowedLocations: readonly string[] = [],
): string | undefined {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return `${target} is not a URL`;
  }
  if (url.username || url.password)
    return 'a Dockerfile URL may not carry credentials: the UrlReader supplies them from the backend integrations';
  if (SMUGGLED_SEPARATORS.test(url.pathname))
    return 'encoded slashes, backslashes or dots in a Dockerfile path are refused';
  const normalized = url.toString();
  // A prefix ending in `/` allows a directory; any other, that one file.
  if (
    allowedLocations.some(prefix =>
      prefix.endsWith('/')
        ? normalized.startsWith(prefix)
        : normalized === prefix,
    )
  )
    return undefined;
  if (!source)
    return "the entity has no source location to bound it: only the entity's own repository is read, or a prefix in imageHealth.dockerfiles.allowedLocations";
  const root = repositoryRoot(source);
  if (normalized.startsWith(root)) return undefined;
  return `it is outside the entity's repository (${root}): Image Health reads an entity's Dockerfiles only from its own source repository, unless imageHealth.dockerfiles.allowedLocations lists that location`;
}
