import type { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_DOCKERFILE,
  ANNOTATION_IMAGE,
} from '@image-health/plugin-image-health-common';

/**
 * Whether the entity asks to be scanned: it names a Dockerfile or an image.
 * Use it to show the Image Health tab and card only where they have something
 * to say.
 */
export function isImageHealthAvailable(entity: Entity): boolean {
  const annotations = entity.metadata.annotations ?? {};
  return Boolean(
    annotations[ANNOTATION_DOCKERFILE]?.trim() ||
      annotations[ANNOTATION_IMAGE]?.trim(),
  );
}
