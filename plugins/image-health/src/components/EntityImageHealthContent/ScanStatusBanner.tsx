import { Grid } from '@material-ui/core';
import { WarningPanel } from '@backstage/core-components';
import type {
  HistoryEntry,
  Report,
} from '@image-health/plugin-image-health-common';
import { formatTimestamp } from '../common';

function hasContent(report: Report): boolean {
  return report.dockerfiles.length > 0 || report.images.length > 0;
}

/**
 * Says when what is shown is not the whole truth. A failed scan keeps the
 * last good report: the report then says `failed`, its `scannedAt` is the
 * good scan and `checkedAt` the failed one. A partial scan says what it
 * could not read.
 */
const Banner = (props: {
  severity: 'error' | 'warning';
  title: string;
  message: string;
}) => (
  <Grid item xs={12}>
    {/* Open: the reason is what the reader needs to act on. */}
    <WarningPanel {...props} defaultExpanded />
  </Grid>
);

export const ScanStatusBanner = ({
  report,
  history,
}: {
  report: Report;
  history?: HistoryEntry[];
}) => {
  const reason = report.error ?? 'The scan failed without a reason.';
  if (report.status === 'failed') {
    const failedAt = report.checkedAt ?? report.scannedAt;
    return (
      <Banner
        severity="error"
        title={`The latest scan (${formatTimestamp(failedAt)}) failed`}
        message={
          hasContent(report)
            ? `${reason} Showing the last good report, from ${formatTimestamp(
                report.scannedAt,
              )}.`
            : reason
        }
      />
    );
  }
  // A server that records failures only in the history: say so too.
  const newest = history?.[0];
  if (
    newest?.status === 'failed' &&
    new Date(newest.scannedAt) > new Date(report.scannedAt)
  ) {
    return (
      <Banner
        severity="error"
        title={`The latest scan (${formatTimestamp(newest.scannedAt)}) failed`}
        message={`Showing the last good report, from ${formatTimestamp(
          report.scannedAt,
        )}.`}
      />
    );
  }
  if (report.status === 'partial') {
    return (
      <Banner
        severity="warning"
        title="This report is partial"
        message={report.error ?? 'Part of the entity could not be scanned.'}
      />
    );
  }
  return null;
};
