import type { ReactNode } from 'react';
import { Box } from '@material-ui/core';
import { EmptyState } from '@backstage/core-components';
import {
  ANNOTATION_SOURCE_LOCATION,
  type Entity,
} from '@backstage/catalog-model';
import {
  ANNOTATION_DOCKERFILE,
  ANNOTATION_IMAGE,
} from '@image-health/plugin-image-health-common';
import { sourceLocationOf } from '../common';

/**
 * A component whose source location is searched for Dockerfiles, with no
 * report: the backend stores none when the search finds no Dockerfile.
 */
export const NoDockerfileFoundState = ({
  entity,
  action,
}: {
  entity: Entity;
  action: ReactNode;
}) => (
  <EmptyState
    missing="data"
    title={`No Dockerfile found in ${sourceLocationOf(entity)}`}
    description={`Image Health searches this component's source location (${ANNOTATION_SOURCE_LOCATION}) for Dockerfile, Dockerfile.*, *.Dockerfile and Containerfile files, or only for its root Dockerfile where the source cannot be searched, because no ${ANNOTATION_DOCKERFILE} or ${ANNOTATION_IMAGE} annotation names one. There is no report: the last scan found no Dockerfile there, or the first scan has not finished. Add a Dockerfile, or name yours with ${ANNOTATION_DOCKERFILE}.`}
    action={<Box>{action}</Box>}
  />
);
