import {
  ANNOTATION_SOURCE_LOCATION,
  type Entity,
} from '@backstage/catalog-model';

/** Where the backend searches for Dockerfiles: the source location, as its annotation names it. */
export function sourceLocationOf(entity: Entity): string {
  const source =
    entity.metadata.annotations?.[ANNOTATION_SOURCE_LOCATION] ?? '';
  const target = source.replace(/^url:/, '');
  return target.endsWith('/') ? target : `${target}/`;
}
