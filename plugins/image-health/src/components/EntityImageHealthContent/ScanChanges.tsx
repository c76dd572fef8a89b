import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import {
  Box,
  List,
  ListItem,
  ListItemText,
  MenuItem,
  TextField,
  Typography,
} from '@material-ui/core';
import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import {
  formatBytes,
  type Delta,
  type FindingChange,
  type HistoryEntry,
  type ImageComparison,
} from '@image-health/plugin-image-health-common';
import { imageHealthApiRef } from '../../api';
import { SeverityLabel } from '../common';
import { formatTimestamp } from '../common/format';

function signed(delta: number | undefined, inBytes = false): string {
  if (delta === undefined || delta === 0) return '';
  const size = inBytes ? formatBytes(Math.abs(delta)) : String(Math.abs(delta));
  return ` (${delta > 0 ? '+' : '−'}${size})`;
}

function sizes(d: Delta): string {
  const side = (n?: number) => (n === undefined ? '—' : formatBytes(n));
  return `${side(d.before)} → ${side(d.after)}${signed(d.delta, true)}`;
}

const ImageChanges = ({ image }: { image: ImageComparison }) => (
  <Box mb={1}>
    <Typography variant="subtitle2">
      {image.after?.ref ?? image.before?.ref}
    </Typography>
    <Typography variant="body2">
      Compressed size: {sizes(image.compressedBytes)}
    </Typography>
    <Typography variant="body2">
      Layers: {image.layerCount.before ?? '—'} → {image.layerCount.after ?? '—'}{' '}
      ({image.layersAdded} added, {image.layersRemoved} removed,{' '}
      {image.layersUnchanged} unchanged)
    </Typography>
    {image.userIsRoot.before !== image.userIsRoot.after && (
      <Typography variant="body2">
        Runs as root: {String(image.userIsRoot.before ?? '—')} →{' '}
        {String(image.userIsRoot.after ?? '—')}
      </Typography>
    )}
  </Box>
);

const FindingChanges = ({
  title,
  findings,
}: {
  title: string;
  findings: FindingChange[];
}) => (
  <Box mt={1}>
    <Typography variant="subtitle2">
      {title} ({findings.length})
    </Typography>
    <List dense aria-label={title}>
      {findings.map((f, i) => (
        <ListItem key={`${f.ruleId}-${i}`} disableGutters>
          <Box mr={1}>
            <SeverityLabel severity={f.severity} />
          </Box>
          <ListItemText primary={f.message} secondary={f.ruleId} />
        </ListItem>
      ))}
    </List>
  </Box>
);

/** Labels a scan in the pickers: when it ran and what it scored. */
function scanLabel(entry: HistoryEntry): string {
  return `${formatTimestamp(entry.scannedAt)} · ${entry.grade}${
    entry.score === null ? '' : ` (${entry.score})`
  }`;
}

/**
 * What changed between two scans of the entity: by default the latest
 * against the one before it; any two scans of the history can be picked.
 */
export const ScanChanges = ({
  entityRef,
  history,
}: {
  entityRef: CompoundEntityRef;
  history?: HistoryEntry[];
}) => {
  const api = useApi(imageHealthApiRef);
  const scans = useMemo(
    () => (history ?? []).filter(h => h.scanId !== undefined),
    [history],
  );
  const [to, setTo] = useState<string | undefined>();
  const [from, setFrom] = useState<string | undefined>();
  const changes = useAsync(
    () => api.getChanges(entityRef, { from, to }),
    [api, entityRef, from, to],
  );
  const comparison = changes.value;

  return (
    <InfoCard title="Changes between scans">
      {scans.length >= 2 && (
        <Box display="flex" mb={2} style={{ gap: 16 }}>
          {(
            [
              ['From', from ?? scans[1]?.scanId, setFrom],
              ['To', to ?? scans[0]?.scanId, setTo],
            ] as const
          ).map(([label, value, set]) => (
            <TextField
              key={label}
              id={`scan-changes-${label.toLowerCase()}`}
              select
              label={label}
              value={value ?? ''}
              onChange={e => set(e.target.value)}
              size="small"
              variant="outlined"
            >
              {scans.map(s => (
                <MenuItem key={s.scanId} value={s.scanId}>
                  {scanLabel(s)}
                </MenuItem>
              ))}
            </TextField>
          ))}
        </Box>
      )}
      {changes.loading && <Progress />}
      {changes.error && (
        <Typography color="error">
          The changes could not be loaded: {changes.error.message}
        </Typography>
      )}
      {!changes.loading && !changes.error && !comparison && (
        <Typography variant="body2" color="textSecondary">
          Changes appear after the next scan: there is only one stored report so
          far.
        </Typography>
      )}
      {comparison && (
        <>
          <Typography variant="body1" gutterBottom>
            Score: {comparison.score.before ?? 'N/A'} (
            {comparison.score.gradeBefore}) → {comparison.score.after ?? 'N/A'}{' '}
            ({comparison.score.gradeAfter}){signed(comparison.score.delta)}
          </Typography>
          {comparison.images.map((image, i) => (
            <ImageChanges key={i} image={image} />
          ))}
          <FindingChanges
            title="Findings introduced"
            findings={comparison.findingsIntroduced}
          />
          <FindingChanges
            title="Findings fixed"
            findings={comparison.findingsFixed}
          />
        </>
      )}
    </InfoCard>
  );
};
