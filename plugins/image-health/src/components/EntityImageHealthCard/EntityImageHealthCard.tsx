import {
  Box,
  List,
  ListItem,
  ListItemText,
  Typography,
} from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  formatBytes,
  imageHealthScanPlan,
  isImageHealthAvailable,
  type Report,
} from '@image-health/plugin-image-health-common';
import { useMemo } from 'react';
import { imageHealthApiRef } from '../../api';
import {
  GradeBadge,
  SeverityLabel,
  findingLocation,
  formatAge,
  formatTimestamp,
  sourceLocationOf,
  topFindings,
  useEntityTabLink,
} from '../common';

function imageSize(report: Report): string {
  if (report.images.length === 0) return 'no image scanned';
  const largest = Math.max(...report.images.map(i => i.compressedBytes));
  return `${formatBytes(largest)} compressed`;
}

const CardBody = ({ report }: { report: Report }) => {
  const findings = topFindings(report, 3);
  return (
    <>
      <Box display="flex" alignItems="center" style={{ gap: 16 }}>
        <GradeBadge grade={report.score.grade} size={56} />
        <Box>
          <Typography variant="h5" component="p">
            {report.score.value === null
              ? 'No score'
              : `${report.score.value} / 100`}
          </Typography>
          <Typography variant="body2" color="textSecondary">
            {imageSize(report)} · scanned{' '}
            <time
              dateTime={report.scannedAt}
              title={formatTimestamp(report.scannedAt)}
            >
              {formatAge(report.scannedAt)}
            </time>
            {report.status !== 'ok' && ` · scan ${report.status}`}
          </Typography>
        </Box>
      </Box>
      {findings.length > 0 ? (
        <List dense aria-label="Top findings">
          {findings.map((finding, i) => (
            <ListItem key={i} disableGutters>
              <ListItemText
                primary={
                  <>
                    <SeverityLabel severity={finding.severity} />{' '}
                    {finding.message}
                  </>
                }
                secondary={findingLocation(finding)}
              />
            </ListItem>
          ))}
        </List>
      ) : (
        <Typography variant="body2" style={{ marginTop: 16 }}>
          No findings.
        </Typography>
      )}
    </>
  );
};

const CardContent = () => {
  const { entity } = useEntity();
  const api = useApi(imageHealthApiRef);
  const entityRef = useMemo(() => getCompoundEntityRef(entity), [entity]);
  const { value, loading, error } = useAsync(
    () => api.getReport(entityRef),
    [api, entityRef],
  );
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value) {
    const plan = imageHealthScanPlan(entity);
    return (
      <Typography variant="body2">
        {plan?.defaultDockerfile && plan.images.length === 0
          ? `No Dockerfile found in ${sourceLocationOf(
              entity,
            )}, or not scanned yet.`
          : 'Not scanned yet: the report appears after the next scheduled scan.'}
      </Typography>
    );
  }
  return <CardBody report={value} />;
};

/** Grade, score, size and the three most severe findings, linking to the tab. */
export const EntityImageHealthCard = () => {
  const { entity } = useEntity();
  const tabLink = useEntityTabLink();
  const available = isImageHealthAvailable(entity);
  return (
    <InfoCard
      title="Image health"
      deepLink={
        available
          ? { title: 'View image health', link: tabLink(entity) }
          : undefined
      }
    >
      {available ? (
        <CardContent />
      ) : (
        <EmptyState
          missing="field"
          title="Image Health is not set up"
          description="Add the image-health/dockerfile or image-health/image annotation to this entity."
        />
      )}
    </InfoCard>
  );
};
