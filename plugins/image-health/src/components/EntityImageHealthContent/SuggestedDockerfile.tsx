import { Box, Typography } from '@material-ui/core';
import {
  CodeSnippet,
  CopyTextButton,
  InfoCard,
} from '@backstage/core-components';
import type { DockerfileResult } from '@image-health/plugin-image-health-common';
import { formatDiff, lineDiff } from './lineDiff';

/**
 * The whole Dockerfile with every mechanical fix applied, shown as a diff
 * against the scanned file when the report carries it, with a button that
 * copies the suggested file (not the diff).
 */
export const SuggestedDockerfile = ({
  dockerfile,
}: {
  dockerfile: DockerfileResult;
}) => {
  const suggested = dockerfile.suggestedDockerfile;
  if (!suggested) return null;
  const diff = dockerfile.content
    ? lineDiff(dockerfile.content, suggested)
    : undefined;
  const changed = diff?.filter(line => line.kind !== 'same').length ?? 0;
  return (
    <InfoCard
      title={`Suggested ${dockerfile.location}`}
      subheader={
        diff
          ? `${changed} changed line${
              changed === 1 ? '' : 's'
            }, every mechanical fix applied`
          : 'Every mechanical fix applied'
      }
      action={
        <Box display="flex" alignItems="center" mt={1} mr={1}>
          <Typography variant="body2" color="textSecondary">
            Copy suggested Dockerfile
          </Typography>
          <CopyTextButton
            text={suggested}
            tooltipText="Suggested Dockerfile copied"
            aria-label="Copy suggested Dockerfile"
          />
        </Box>
      }
    >
      {diff ? (
        <CodeSnippet text={formatDiff(diff)} language="diff" />
      ) : (
        <CodeSnippet text={suggested} language="dockerfile" showLineNumbers />
      )}
    </InfoCard>
  );
};
