/**
 * Image references as users write them (`ghcr.io/acme/api:1.2`, `nginx`,
 * `localhost:5000/x@sha256:…`) and the local sources named with skopeo's
 * transport prefixes (`oci:<dir>[:tag]`, `docker-archive:<file>`).
 */

/** An image in a registry. */
export interface RegistryReference {
  kind: 'registry';
  /** Host as written in references and in `imageHealth.registries` (`docker.io` for Docker Hub). */
  host: string;
  /** Repository path in the registry API (`library/nginx` on Docker Hub). */
  repository: string;
  tag?: string;
  digest?: string;
}

/** An image that was never pushed: an OCI layout directory or a `docker save` tarball. */
export interface LocalReference {
  kind: 'oci' | 'docker-archive';
  path: string;
  /** `oci:<dir>:<tag>` names a tag of the layout's index. */
  tag?: string;
}

export type ImageReference = RegistryReference | LocalReference;

export const DOCKER_HUB = 'docker.io';
/** The host Docker Hub's registry API actually answers on. */
export const DOCKER_HUB_API_HOST = 'registry-1.docker.io';
const DOCKER_HUB_ALIASES = new Set([
  'docker.io',
  'index.docker.io',
  'registry-1.docker.io',
  'registry.hub.docker.com',
]);

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;
const HOST =
  /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:]+\])(?::\d{1,5})?$/;

export class InvalidReferenceError extends Error {
  constructor(ref: string, reason: string) {
    super(`invalid image reference "${ref}": ${reason}`);
    this.name = 'InvalidReferenceError';
  }
}

/** Maps the aliases of Docker Hub to `docker.io`; other hosts are lower-cased. */
export function canonicalHost(host: string): string {
  const lower = host.toLowerCase();
  return DOCKER_HUB_ALIASES.has(lower) ? DOCKER_HUB : lower;
}

/** The host the registry API is reached on. */
export function apiHost(host: string): string {
  return canonicalHost(host) === DOCKER_HUB ? DOCKER_HUB_API_HOST : host;
}

/** Parses and validates a reference; throws InvalidReferenceError with the reason. */
export function parseReference(ref: string): ImageReference {
  const input = ref.trim();
  if (input.startsWith('oci:')) {
    const rest = input.slice('oci:'.length);
    if (!rest) throw new InvalidReferenceError(ref, 'oci: needs a directory');
    // skopeo: the tag follows the last colon when it is not part of the path
    const colon = rest.lastIndexOf(':');
    if (colon > 0 && !rest.slice(colon + 1).includes('/')) {
      return {
        kind: 'oci',
        path: rest.slice(0, colon),
        tag: rest.slice(colon + 1),
      };
    }
    return { kind: 'oci', path: rest };
  }
  if (input.startsWith('docker-archive:')) {
    const path = input.slice('docker-archive:'.length);
    if (!path)
      throw new InvalidReferenceError(ref, 'docker-archive: needs a file');
    return { kind: 'docker-archive', path };
  }
  let rest = input.startsWith('docker://')
    ? input.slice('docker://'.length)
    : input;
  if (!rest) throw new InvalidReferenceError(ref, 'it is empty');
  if (/\s/.test(rest))
    throw new InvalidReferenceError(ref, 'it contains whitespace');
  if (rest.length > 512) throw new InvalidReferenceError(ref, 'it is too long');

  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) {
      throw new InvalidReferenceError(ref, `"${digest}" is not a digest`);
    }
  }
  const slash = rest.indexOf('/');
  let host = DOCKER_HUB;
  let path = rest;
  if (slash >= 0) {
    const first = rest.slice(0, slash);
    if (
      first.includes('.') ||
      first.includes(':') ||
      first === 'localhost' ||
      first.startsWith('[')
    ) {
      host = first;
      path = rest.slice(slash + 1);
    }
  }
  if (!HOST.test(host))
    throw new InvalidReferenceError(ref, `"${host}" is not a host`);
  let tag: string | undefined;
  const colon = path.lastIndexOf(':');
  if (colon >= 0) {
    tag = path.slice(colon + 1);
    path = path.slice(0, colon);
    if (!TAG.test(tag))
      throw new InvalidReferenceError(ref, `"${tag}" is not a tag`);
  }
  if (!path) throw new InvalidReferenceError(ref, 'it names no repository');
  for (const component of path.split('/')) {
    if (!PATH_COMPONENT.test(component)) {
      throw new InvalidReferenceError(
        ref,
        `"${component}" is not a repository path component (lowercase letters, digits and . _ -)`,
      );
    }
  }
  host = canonicalHost(host);
  if (host === DOCKER_HUB && !path.includes('/')) path = `library/${path}`;
  if (!tag && !digest) tag = 'latest';
  return { kind: 'registry', host, repository: path, tag, digest };
}

/** `host/repository[:tag][@digest]`, the reference users recognise. */
export function formatReference(ref: RegistryReference): string {
  let out = `${ref.host}/${ref.repository}`;
  if (ref.tag) out += `:${ref.tag}`;
  if (ref.digest) out += `@${ref.digest}`;
  return out;
}
