import { Grid } from '@material-ui/core';
import type {
  HistoryEntry,
  Report,
  RuleInfo,
} from '@image-health/plugin-image-health-common';
import { WarningPanel } from '@backstage/core-components';
import { allFindings } from '../common';
import { CategoryGrades } from './CategoryGrades';
import { FindingsList } from './FindingsList';
import { ImageFacts } from './ImageFacts';
import { ScanStatusBanner } from './ScanStatusBanner';
import { ScoreHistory } from './ScoreHistory';
import { ScoreSummary } from './ScoreSummary';
import { SuggestedDockerfile } from './SuggestedDockerfile';

/** Everything one report says, top to bottom: score, images, findings, fixes. */
export const ReportView = ({
  report,
  history,
  historyError,
  rules,
  rescan,
}: {
  report: Report;
  /** Undefined while loading; the card keeps its place meanwhile. */
  history?: HistoryEntry[];
  historyError?: Error;
  rules?: Map<string, RuleInfo>;
  rescan?: React.ReactNode;
}) => {
  const parseErrors = report.dockerfiles.filter(d => d.parseErrors.length > 0);
  return (
    <Grid container spacing={3} alignItems="stretch">
      <ScanStatusBanner report={report} history={history} />
      <Grid item xs={12} md={5} lg={4}>
        <ScoreSummary report={report} action={rescan} />
      </Grid>
      <Grid item xs={12} md={7} lg={8}>
        <CategoryGrades score={report.score} />
      </Grid>
      <Grid item xs={12}>
        <ScoreHistory items={history} error={historyError} />
      </Grid>
      {parseErrors.map(dockerfile => (
        <Grid item xs={12} key={`parse-${dockerfile.location}`}>
          <WarningPanel
            severity="warning"
            title={`${dockerfile.location} could not be parsed completely`}
            message={dockerfile.parseErrors
              .map(e => (e.line ? `line ${e.line}: ${e.message}` : e.message))
              .join('\n')}
          />
        </Grid>
      ))}
      {report.images.map(image => (
        <Grid item xs={12} key={`image-${image.ref}`}>
          <ImageFacts image={image} />
        </Grid>
      ))}
      <Grid item xs={12}>
        <FindingsList findings={allFindings(report)} rules={rules} />
      </Grid>
      {report.dockerfiles
        .filter(d => d.suggestedDockerfile)
        .map(dockerfile => (
          <Grid item xs={12} key={`suggested-${dockerfile.location}`}>
            <SuggestedDockerfile dockerfile={dockerfile} />
          </Grid>
        ))}
    </Grid>
  );
};
