import { Box, Typography } from '@material-ui/core';
import { Gauge, InfoCard } from '@backstage/core-components';
import type { Report } from '@image-health/plugin-image-health-common';
import { GradeBadge, formatAge, formatTimestamp, scoreColor } from '../common';

const STATUS_TEXT: Record<Report['status'], string> = {
  ok: 'complete',
  partial: 'partial',
  failed: 'failed',
};

/** The entity's score as a gauge, its grade, and when it was scanned. */
export const ScoreSummary = ({
  report,
  action,
}: {
  report: Report;
  action?: React.ReactNode;
}) => {
  const { value, grade } = report.score;
  return (
    <InfoCard title="Image health score">
      <Box display="flex" alignItems="center" style={{ gap: 24 }}>
        <Box width={140} height={140} flexShrink={0} aria-hidden>
          <Gauge
            value={value ?? NaN}
            fractional={false}
            unit=""
            max={100}
            getColor={({ palette, value: v }) => scoreColor(palette, v)}
          />
        </Box>
        <Box>
          <Box display="flex" alignItems="center" style={{ gap: 12 }}>
            <GradeBadge grade={grade} size={48} />
            <Typography variant="h4" component="p">
              {value === null ? 'No score' : `${value} / 100`}
            </Typography>
          </Box>
          <Typography variant="body2" color="textSecondary">
            Last scanned{' '}
            <time
              dateTime={report.scannedAt}
              title={formatTimestamp(report.scannedAt)}
            >
              {formatAge(report.scannedAt)}
            </time>{' '}
            · scan {STATUS_TEXT[report.status]}
          </Typography>
          {report.score.cappedBy && (
            <Typography variant="body2" color="error">
              Score {report.score.cappedBy} (organisation policy)
            </Typography>
          )}
          {report.checkedAt && report.checkedAt !== report.scannedAt && (
            <Typography variant="body2" color="textSecondary">
              Last checked{' '}
              <time
                dateTime={report.checkedAt}
                title={formatTimestamp(report.checkedAt)}
              >
                {formatAge(report.checkedAt)}
              </time>
            </Typography>
          )}
        </Box>
      </Box>
      {action && <Box mt={2}>{action}</Box>}
    </InfoCard>
  );
};
