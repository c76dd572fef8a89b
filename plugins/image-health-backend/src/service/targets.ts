import {
  CATALOG_FILTER_EXISTS,
  EntityFilterQuery,
} from '@backstage/catalog-client';
import {
  ANNOTATION_SOURCE_LOCATION,
  ANNOTATION_LOCATION,
  Entity,
  parseEntityRef,
  parseLocationRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  ANNOTATION_DOCKERFILE,
  ANNOTATION_IGNORE,
  ANNOTATION_IMAGE,
} from '@image-health/plugin-image-health-common';

/** One Dockerfile of an entity, as its annotation names it and where it is read from. */
export interface DockerfileTarget {
  /** As the user wrote it in `image-health/dockerfile` (or `Dockerfile` by default). */
  location: string;
  /** The URL read through the UrlReader; absent when it cannot be resolved. */
  url?: string;
  /** Why the location cannot be read, in words the entity's owner can act on. */
  error?: string;
}

/** What Image Health scans for one catalog entity, with the fields the scorecard filters on. */
export interface ScanTarget {
  entityRef: string;
  kind: string;
  namespace: string;
  name: string;
  title: string;
  owner?: string;
  type?: string;
  lifecycle?: string;
  system?: string;
  dockerfiles: DockerfileTarget[];
  /**
   * True when no `image-health/dockerfile` annotation is set and the root
   * Dockerfile of the source location is tried; its absence is then no error.
   */
  defaultDockerfile: boolean;
  images: string[];
  ignore: string[];
}

const ABSOLUTE_URL = /^[a-z][a-z0-9+.-]*:\/\//i;

function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map(part => part.trim())
    .filter(Boolean);
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/**
 * The URL relative Dockerfile paths are resolved against: the source location,
 * else the directory of the catalog file the entity came from. Only `url`
 * locations qualify, so every read goes through the UrlReader with its
 * integrations and `backend.reading.allow` list.
 */
function resolveBase(entity: Entity): { base?: string; error?: string } {
  const annotations = entity.metadata.annotations ?? {};
  const source = annotations[ANNOTATION_SOURCE_LOCATION];
  if (source) {
    const { type, target } = parseLocationRef(source);
    if (type === 'url') {
      return { base: target.endsWith('/') ? target : `${target}/` };
    }
    return {
      error: `${ANNOTATION_SOURCE_LOCATION} is a "${type}" location; Image Health reads Dockerfiles only through the UrlReader, so use a url location (url:https://…/) or give image-health/dockerfile as absolute URLs`,
    };
  }
  const managedBy = annotations[ANNOTATION_LOCATION];
  if (managedBy) {
    const { type, target } = parseLocationRef(managedBy);
    if (type === 'url') return { base: target };
    return {
      error: `the entity was registered from a "${type}" location and has no ${ANNOTATION_SOURCE_LOCATION}; Image Health reads Dockerfiles only through the UrlReader, so register it from a url location (url:https://…/catalog-info.yaml), set ${ANNOTATION_SOURCE_LOCATION} to a url, or give image-health/dockerfile as absolute URLs`,
    };
  }
  return {
    error: `the entity has neither ${ANNOTATION_SOURCE_LOCATION} nor a url ${ANNOTATION_LOCATION} to resolve relative Dockerfile paths against; give image-health/dockerfile as absolute URLs`,
  };
}

function resolveDockerfile(location: string, entity: Entity): DockerfileTarget {
  if (ABSOLUTE_URL.test(location)) {
    if (!/^https?:\/\//i.test(location)) {
      return {
        location,
        error: `${location} is not an http(s) URL; Image Health never reads local files named in annotations, so point image-health/dockerfile at a URL the UrlReader can read`,
      };
    }
    return { location, url: location };
  }
  const { base, error } = resolveBase(entity);
  if (!base) return { location, error: `cannot read ${location}: ${error}` };
  // A leading slash means the root of the source, not of the host.
  return {
    location,
    url: new URL(location.replace(/^\/+/, ''), base).toString(),
  };
}

function normalizeRef(
  ref: string | undefined,
  defaultKind: string,
  defaultNamespace: string,
): string | undefined {
  if (!ref) return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, { defaultKind, defaultNamespace }),
    );
  } catch {
    return ref;
  }
}

/** Turns a catalog entity into what is scanned, or undefined when nothing applies. */
export function targetFromEntity(entity: Entity): ScanTarget | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const namespace = entity.metadata.namespace ?? 'default';
  const declared = splitList(annotations[ANNOTATION_DOCKERFILE]);
  const images = splitList(annotations[ANNOTATION_IMAGE]);
  const hasSource = Boolean(annotations[ANNOTATION_SOURCE_LOCATION]);
  // DESIGN: without the annotation, the Dockerfile at the source root, if it exists.
  const defaultDockerfile = declared.length === 0 && hasSource;
  if (declared.length === 0 && images.length === 0 && !hasSource) {
    return undefined;
  }

  const spec = (entity.spec ?? {}) as Record<string, unknown>;
  const locations = defaultDockerfile ? ['Dockerfile'] : declared;
  return {
    entityRef: stringifyEntityRef(entity),
    kind: entity.kind,
    namespace,
    name: entity.metadata.name,
    title: optionalString(entity.metadata.title) ?? entity.metadata.name,
    owner: normalizeRef(optionalString(spec.owner), 'group', namespace),
    type: optionalString(spec.type),
    lifecycle: optionalString(spec.lifecycle),
    system: normalizeRef(optionalString(spec.system), 'system', namespace),
    dockerfiles: locations.map(location => resolveDockerfile(location, entity)),
    defaultDockerfile,
    images,
    ignore: splitList(annotations[ANNOTATION_IGNORE]),
  };
}

/** Catalog filter for the entities Image Health may scan (any of the alternatives). */
export const TARGET_ENTITY_FILTER: EntityFilterQuery = [
  { [`metadata.annotations.${ANNOTATION_DOCKERFILE}`]: CATALOG_FILTER_EXISTS },
  { [`metadata.annotations.${ANNOTATION_IMAGE}`]: CATALOG_FILTER_EXISTS },
  {
    kind: 'component',
    [`metadata.annotations.${ANNOTATION_SOURCE_LOCATION}`]:
      CATALOG_FILTER_EXISTS,
  },
];
