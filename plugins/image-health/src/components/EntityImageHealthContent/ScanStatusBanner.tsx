import { WarningPanel } from '@backstage/core-components';
import type {
  HistoryEntry,
  Report,
} from '@image-health/plugin-image-health-common';
import { formatTimestamp } from '../common';

/**
 * Says when what is shown is not the whole truth: the stored report is from a
 * partial or failed scan, or a newer scan failed and the last good report is
 * shown instead.
 */
export const ScanStatusBanner = ({
  report,
  history,
}: {
  report: Report;
  history?: HistoryEntry[];
}) => {
  const newestScan = history?.[0];
  const newerFailure =
    newestScan &&
    newestScan.status === 'failed' &&
    new Date(newestScan.scannedAt) > new Date(report.scannedAt);

  if (report.status === 'failed') {
    return (
      <WarningPanel
        severity="error"
        title={`The scan of ${formatTimestamp(report.scannedAt)} failed`}
        message={report.error ?? 'The scan failed without a reason.'}
      />
    );
  }
  if (newerFailure) {
    return (
      <WarningPanel
        severity="error"
        title={`The latest scan (${formatTimestamp(
          newestScan.scannedAt,
        )}) failed`}
        message={`Showing the last good report, from ${formatTimestamp(
          report.scannedAt,
        )}.`}
      />
    );
  }
  if (report.status === 'partial') {
    return (
      <WarningPanel
        severity="warning"
        title="This report is partial"
        message={report.error ?? 'Part of the entity could not be scanned.'}
      />
    );
  }
  return null;
};
