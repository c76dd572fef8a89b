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
  ANNOTATION_SIZE_BUDGET,
  parseBytes,
  imageHealthScanPlan,
  splitAnnotationList,
} from '@image-health/plugin-image-health-common';
import type { TargetFields } from '../database/targets';
import { refusalOf } from './dockerfileLocation';

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
export interface ScanTarget extends TargetFields {
  dockerfiles: DockerfileTarget[];
  /**
   * True when no `image-health/dockerfile` annotation is set: the source
   * location is searched for Dockerfiles, and `dockerfiles` holds its root
   * Dockerfile for a source that cannot be searched. Finding none is no error.
   */
  defaultDockerfile: boolean;
  /** The source location (a directory URL ending in `/`) searched for Dockerfiles, when `defaultDockerfile`. */
  searchBase?: string;
  images: string[];
  ignore: string[];
  /** `image-health/size-budget` in bytes: the entity's own budget instead of its language's. */
  sizeBudget?: number;
  /** Why `image-health/size-budget` could not be read; the language budget applies. */
  sizeBudgetError?: string;
}

/** Longest `image-health/size-budget` value read: `1.5 GB` needs a handful. */
const MAX_SIZE_BUDGET_CHARS = 32;
const MAX_SIZE_BUDGET_BYTES = 1024 ** 4;

/**
 * `image-health/size-budget` as written by the entity's owner (`250MB`,
 * `1.5GB`, a number of bytes): a size above zero and at most 1 TB, or why not.
 */
export function readSizeBudget(
  value: unknown,
): Pick<ScanTarget, 'sizeBudget' | 'sizeBudgetError'> {
  if (value === undefined) return {};
  const invalid = {
    sizeBudgetError: `${ANNOTATION_SIZE_BUDGET} must be a size such as 250MB (above zero, at most 1TB); the language budget applies`,
  };
  if (typeof value !== 'string' || value.length > MAX_SIZE_BUDGET_CHARS)
    return invalid;
  let bytes: number;
  try {
    bytes = parseBytes(value);
  } catch {
    return {
      sizeBudgetError: `${ANNOTATION_SIZE_BUDGET} "${value}" is not a size (write e.g. 250MB); the language budget applies`,
    };
  }
  if (!(bytes > 0 && bytes <= MAX_SIZE_BUDGET_BYTES)) return invalid;
  return { sizeBudget: bytes };
}

const ABSOLUTE_URL = /^[a-z][a-z0-9+.-]*:\/\//i;

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
      error: `${ANNOTATION_SOURCE_LOCATION} is a "${type}" location; Image Health reads Dockerfiles only through the UrlReader, so use a url location (url:https://…/)`,
    };
  }
  const managedBy = annotations[ANNOTATION_LOCATION];
  if (managedBy) {
    const { type, target } = parseLocationRef(managedBy);
    if (type === 'url') return { base: target };
    return {
      error: `the entity was registered from a "${type}" location and has no ${ANNOTATION_SOURCE_LOCATION}; Image Health reads Dockerfiles only through the UrlReader, so register it from a url location (url:https://…/catalog-info.yaml), or set ${ANNOTATION_SOURCE_LOCATION} to a url`,
    };
  }
  return {
    error: `the entity has neither ${ANNOTATION_SOURCE_LOCATION} nor a url ${ANNOTATION_LOCATION} to resolve Dockerfile paths against; set ${ANNOTATION_SOURCE_LOCATION} to the url of its repository`,
  };
}

/** Where Dockerfiles may be read beyond the entity's own repository (operator config). */
export interface DockerfileReadPolicy {
  /** URL prefixes (ending in `/`) or exact URLs: `imageHealth.dockerfiles.allowedLocations`. */
  allowedLocations?: readonly string[];
}

function resolveDockerfile(
  location: string,
  entity: Entity,
  policy: DockerfileReadPolicy,
): DockerfileTarget {
  const { base, error } = resolveBase(entity);
  let url: string;
  if (ABSOLUTE_URL.test(location)) {
    if (!/^https?:\/\//i.test(location)) {
      return {
        location,
        error: `${location} is not an http(s) URL; Image Health never reads local files named in annotations, so point image-health/dockerfile at a URL the UrlReader can read`,
      };
    }
    url = location;
  } else {
    if (!base) return { location, error: `cannot read ${location}: ${error}` };
    // A leading slash means the root of the source, not of the host.
    url = new URL(location.replace(/^\/+/, ''), base).toString();
  }
  const refusal = refusalOf(url, base, policy.allowedLocations);
  if (refusal)
    return { location, error: `${location} is not read: ${refusal}` };
  return { location, url };
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
export function targetFromEntity(
  entity: Entity,
  policy: DockerfileReadPolicy = {},
): ScanTarget | undefined {
  const plan = imageHealthScanPlan(entity);
  if (!plan) return undefined;
  const annotations = entity.metadata.annotations ?? {};
  const namespace = entity.metadata.namespace ?? 'default';

  const spec = (entity.spec ?? {}) as Record<string, unknown>;
  const searchBase = plan.defaultDockerfile
    ? resolveBase(entity).base
    : undefined;
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
    dockerfiles: plan.dockerfiles.map(location =>
      resolveDockerfile(location, entity, policy),
    ),
    defaultDockerfile: plan.defaultDockerfile,
    ...(searchBase ? { searchBase } : {}),
    images: plan.images,
    ignore: splitAnnotationList(annotations[ANNOTATION_IGNORE]),
    ...readSizeBudget(annotations[ANNOTATION_SIZE_BUDGET]),
  };
}

/**
 * Catalog filter for the entities Image Health may scan (any of the
 * alternatives): a coarse pre-selection of `imageHealthScanPlan`'s rule, which
 * `targetFromEntity` then applies to each entity.
 */
export const TARGET_ENTITY_FILTER: EntityFilterQuery = [
  { [`metadata.annotations.${ANNOTATION_DOCKERFILE}`]: CATALOG_FILTER_EXISTS },
  { [`metadata.annotations.${ANNOTATION_IMAGE}`]: CATALOG_FILTER_EXISTS },
  {
    kind: 'component',
    [`metadata.annotations.${ANNOTATION_SOURCE_LOCATION}`]:
      CATALOG_FILTER_EXISTS,
  },
];
