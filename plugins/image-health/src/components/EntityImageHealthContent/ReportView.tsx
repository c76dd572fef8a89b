import { useState } from 'react';
import { Grid } from '@material-ui/core';
import type {
  HistoryEntry,
  Report,
  RuleInfo,
} from '@image-health/plugin-image-health-common';
import { WarningPanel } from '@backstage/core-components';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import { allFindings } from '../common';
import { CategoryGrades } from './CategoryGrades';
import { discoveryNotice, DockerfileSwitch } from './DockerfileSwitch';
import { FindingsList } from './FindingsList';
import { ImageFacts } from './ImageFacts';
import { ScanStatusBanner } from './ScanStatusBanner';
import { ScanChanges } from './ScanChanges';
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
  entityRef,
}: {
  report: Report;
  /** Undefined while loading; the card keeps its place meanwhile. */
  history?: HistoryEntry[];
  historyError?: Error;
  rules?: Map<string, RuleInfo>;
  rescan?: React.ReactNode;
  /** With it, a card compares the latest scan with an earlier one. */
  entityRef?: CompoundEntityRef;
}) => {
  const [selected, setSelected] = useState(0);
  // With several Dockerfiles, the sections below show the selected one.
  const several = report.dockerfiles.length > 1;
  const index = Math.min(selected, report.dockerfiles.length - 1);
  const shown = several ? [report.dockerfiles[index]] : report.dockerfiles;
  const parseErrors = shown.filter(d => d.parseErrors.length > 0);
  const notice = discoveryNotice(report.discovery);
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
      {entityRef && (
        <Grid item xs={12}>
          <ScanChanges entityRef={entityRef} history={history} />
        </Grid>
      )}
      {notice && (
        <Grid item xs={12}>
          <WarningPanel
            severity="info"
            title={notice.title}
            message={notice.message}
          />
        </Grid>
      )}
      {report.images.map(image => (
        <Grid item xs={12} key={`image-${image.ref}`}>
          <ImageFacts image={image} />
        </Grid>
      ))}
      {several && (
        <Grid item xs={12}>
          <DockerfileSwitch
            dockerfiles={report.dockerfiles}
            discovery={report.discovery}
            selected={index}
            onSelect={setSelected}
          />
        </Grid>
      )}
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
      <Grid item xs={12}>
        <FindingsList
          findings={allFindings({ ...report, dockerfiles: shown })}
          rules={rules}
        />
      </Grid>
      {shown
        .filter(d => d.suggestedDockerfile)
        .map(dockerfile => (
          <Grid item xs={12} key={`suggested-${dockerfile.location}`}>
            <SuggestedDockerfile dockerfile={dockerfile} />
          </Grid>
        ))}
    </Grid>
  );
};
