import { CodeSnippet, EmptyState } from '@backstage/core-components';
import { Box, Typography } from '@material-ui/core';
import type { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_DOCKERFILE,
  ANNOTATION_IMAGE,
} from '@image-health/plugin-image-health-common';

/** The catalog-info.yaml lines that turn Image Health on for this entity. */
export function annotationSnippet(entity: Entity): string {
  return [
    'metadata:',
    `  name: ${entity.metadata.name}`,
    '  annotations:',
    '    # Dockerfiles, relative to the source location, comma-separated',
    `    ${ANNOTATION_DOCKERFILE}: Dockerfile`,
    '    # and/or the images built from them',
    `    ${ANNOTATION_IMAGE}: ghcr.io/acme/${entity.metadata.name}:latest`,
  ].join('\n');
}

export const MissingAnnotationState = ({ entity }: { entity: Entity }) => (
  <EmptyState
    missing="field"
    title="Image Health is not set up for this entity"
    description={`Add the ${ANNOTATION_DOCKERFILE} or ${ANNOTATION_IMAGE} annotation to the entity's catalog-info.yaml; it is scanned on the next schedule.`}
    action={
      <Box maxWidth={640}>
        <Typography variant="body1" gutterBottom>
          Add to <code>catalog-info.yaml</code>:
        </Typography>
        <CodeSnippet
          text={annotationSnippet(entity)}
          language="yaml"
          showLineNumbers
          showCopyCodeButton
        />
      </Box>
    }
  />
);
