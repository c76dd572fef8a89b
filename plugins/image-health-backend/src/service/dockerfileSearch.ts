/**
 * Which files of a searched source location are an entity's Dockerfiles:
 * the naming conventions, the trees that are never built (vendored code, test
 * fixtures), and the limits that keep a huge monorepo from becoming a huge
 * scan.
 */

/** How many Dockerfiles one entity's search yields at most, and how deep it looks. */
export interface DockerfileSearchLimits {
  /** Dockerfiles scanned per entity (`imageHealth.dockerfiles.search.maxFiles`). */
  maxFiles: number;
  /** Directories below the source location (`imageHealth.dockerfiles.search.maxDepth`). */
  maxDepth: number;
}

export const DEFAULT_SEARCH_LIMITS: DockerfileSearchLimits = {
  maxFiles: 20,
  maxDepth: 6,
};

/**
 * One search for every Dockerfile naming convention and the `.dockerignore`
 * files beside them, appended to the source location: one request to the
 * source host, whose integration matches it (brace expansion included).
 */
export const DOCKERFILE_SEARCH_GLOB =
  '**/{Dockerfile,Dockerfile.*,*.Dockerfile,Containerfile*,.dockerignore}';

/** Directories whose Dockerfiles are not the entity's builds: vendored code and test material. */
const SKIPPED_DIRECTORIES = new Set([
  '.git',
  'node_modules',
  'vendor',
  'testdata',
  'fixtures',
  '__fixtures__',
]);

/** Names the glob also matches that are documentation or ignore files, not Dockerfiles. */
const NOT_A_DOCKERFILE = /\.(dockerignore|md|txt)$/i;

/** A file the search returned, by its path below the source location. */
export interface SearchHit {
  path: string;
  url: string;
}

/** The Dockerfiles to scan, and what the limits left out, in words. */
export interface DockerfileSelection {
  dockerfiles: SearchHit[];
  /** `.dockerignore` files by their directory (`''` for the source root, else ending in `/`). */
  dockerignores: Map<string, SearchHit>;
  /** Dockerfiles found within the depth limit, before `maxFiles` cut the list. */
  found: number;
  /** Set when a limit left Dockerfiles out. */
  message?: string;
}

function directoryOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/') + 1);
}

/**
 * The `.dockerignore` of a Dockerfile found at `path`: in its directory, else
 * the nearest above it within the search, since a Dockerfile kept in
 * `docker/` is usually built with its service's root as the context.
 */
export function dockerignoreFor(
  path: string,
  dockerignores: Map<string, SearchHit>,
): SearchHit | undefined {
  let dir = directoryOf(path);
  for (;;) {
    const found = dockerignores.get(dir);
    if (found || dir === '') return found;
    dir = directoryOf(dir.slice(0, -1));
  }
}

/**
 * The Dockerfiles among `hits`, nearest the source root first (then by
 * path), so a cut list keeps the service's own builds before deep tooling.
 */
export function selectDockerfiles(
  hits: SearchHit[],
  limits: DockerfileSearchLimits,
): DockerfileSelection {
  const dockerignores = new Map<string, SearchHit>();
  const candidates: Array<SearchHit & { depth: number }> = [];
  let tooDeep = 0;
  for (const hit of hits) {
    const segments = hit.path.split('/');
    const name = segments.pop()!;
    if (segments.some(segment => SKIPPED_DIRECTORIES.has(segment))) continue;
    if (name === '.dockerignore') {
      dockerignores.set(directoryOf(hit.path), hit);
    } else if (!NOT_A_DOCKERFILE.test(name)) {
      if (segments.length > limits.maxDepth) tooDeep++;
      else candidates.push({ ...hit, depth: segments.length });
    }
  }
  candidates.sort(
    (a, b) => a.depth - b.depth || a.path.localeCompare(b.path, 'en-US'),
  );
  const dockerfiles = candidates
    .slice(0, limits.maxFiles)
    .map(({ path, url }) => ({ path, url }));
  const cuts: string[] = [];
  if (candidates.length > limits.maxFiles) {
    cuts.push(
      `Found ${candidates.length} Dockerfiles and scanned the ${limits.maxFiles} nearest the source root (imageHealth.dockerfiles.search.maxFiles)`,
    );
  }
  if (tooDeep > 0) {
    cuts.push(
      `${tooDeep} Dockerfile${tooDeep > 1 ? 's' : ''} deeper than ${
        limits.maxDepth
      } directories ${
        tooDeep > 1 ? 'were' : 'was'
      } not scanned (imageHealth.dockerfiles.search.maxDepth)`,
    );
  }
  return {
    dockerfiles,
    dockerignores,
    found: candidates.length,
    ...(cuts.length ? { message: `${cuts.join('; ')}.` } : {}),
  };
}
