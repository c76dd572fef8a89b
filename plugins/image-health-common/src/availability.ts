import { ANNOTATION_DOCKERFILE, ANNOTATION_IMAGE } from './api';

/** Backstage's annotation for where an entity's source code lives. */
const ANNOTATION_SOURCE_LOCATION = 'backstage.io/source-location';

/**
 * The Dockerfile tried at the source root when no annotation names one and
 * the source location cannot be searched.
 *
 * @public
 */
export const DEFAULT_DOCKERFILE = 'Dockerfile';

/**
 * The parts of a catalog entity this rule reads; every `Entity` of
 * `@backstage/catalog-model` is one.
 *
 * @public
 */
export interface ScannableEntity {
  kind: string;
  metadata: { annotations?: Record<string, string> };
}

/**
 * What Image Health scans for one entity, as its annotations say.
 *
 * @public
 */
export interface ImageHealthScanPlan {
  /**
   * Dockerfile locations as written in `image-health/dockerfile`, relative to
   * the source location or absolute URLs; `['Dockerfile']` by default.
   */
  dockerfiles: string[];
  /**
   * True when no `image-health/dockerfile` annotation is set: the source
   * location is searched for Dockerfiles (its root `Dockerfile` where it
   * cannot be searched), and finding none is no error.
   */
  defaultDockerfile: boolean;
  /** Image references from `image-health/image`. */
  images: string[];
}

/**
 * A comma-separated annotation value as its non-empty parts.
 *
 * @public
 */
export function splitAnnotationList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map(part => part.trim())
    .filter(Boolean);
}

/**
 * What Image Health scans for this entity, or undefined when it scans nothing:
 * the Dockerfiles and images its annotations name, and, when no Dockerfile is
 * named, the Dockerfiles found in a component's source location.
 *
 * The backend plans its scans with this and the frontend shows the tab and
 * card with it, so every scanned entity has its tab (DESIGN.md "Catalog
 * annotations").
 *
 * @public
 */
export function imageHealthScanPlan(
  entity: ScannableEntity,
): ImageHealthScanPlan | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const declared = splitAnnotationList(annotations[ANNOTATION_DOCKERFILE]);
  const images = splitAnnotationList(annotations[ANNOTATION_IMAGE]);
  // Only components build images; a System or an API with a source location
  // has no Dockerfile of its own to look for.
  const hasSource =
    entity.kind.toLocaleLowerCase('en-US') === 'component' &&
    Boolean(annotations[ANNOTATION_SOURCE_LOCATION]?.trim());
  const defaultDockerfile = declared.length === 0 && hasSource;
  if (declared.length === 0 && images.length === 0 && !defaultDockerfile) {
    return undefined;
  }
  return {
    dockerfiles: defaultDockerfile ? [DEFAULT_DOCKERFILE] : declared,
    defaultDockerfile,
    images,
  };
}

/**
 * Whether Image Health scans this entity, so its tab and card have something to show.
 *
 * @public
 */
export function isImageHealthAvailable(entity: ScannableEntity): boolean {
  return imageHealthScanPlan(entity) !== undefined;
}
