import { Typography } from '@material-ui/core';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import type { BackstageTheme } from '@backstage/theme';
import { InfoCard } from '@backstage/core-components';
import type { HistoryEntry } from '@image-health/plugin-image-health-common';
import { formatTimestamp, scoreColor } from '../common';

const WIDTH = 600;
const HEIGHT = 120;
const PAD = 8;

const useStyles = makeStyles((theme: BackstageTheme) => ({
  chart: {
    display: 'block',
    width: '100%',
    height: 'auto',
    // Reserve the chart's height before it renders: no layout shift.
    aspectRatio: `${WIDTH} / ${HEIGHT}`,
  },
  grid: {
    stroke: theme.palette.divider,
    strokeDasharray: '4 4',
  },
  line: {
    fill: 'none',
    stroke: theme.palette.primary.main,
    strokeWidth: 2,
  },
  failed: {
    fill: theme.palette.status.error,
  },
}));

/** Scores over time, oldest to newest; failed scans are red marks on the axis. */
export const ScoreHistory = ({
  items,
  error,
}: {
  items?: HistoryEntry[];
  error?: Error;
}) => {
  const classes = useStyles();
  const theme = useTheme<BackstageTheme>();
  const points = [...(items ?? [])].reverse();
  const scored = points.filter(p => p.score !== null);
  const x = (i: number) =>
    points.length === 1
      ? WIDTH / 2
      : PAD + (i * (WIDTH - 2 * PAD)) / (points.length - 1);
  const y = (score: number) => PAD + ((100 - score) * (HEIGHT - 2 * PAD)) / 100;

  let summary = items ? 'No scored scans yet.' : 'Loading history…';
  if (error) summary = `History unavailable: ${error.message}`;
  if (scored.length === 1) {
    summary = `One scored scan: ${scored[0].score}.`;
  } else if (scored.length > 1) {
    const first = scored[0].score as number;
    const last = scored[scored.length - 1].score as number;
    let trend = 'unchanged';
    if (last > first) trend = 'up';
    if (last < first) trend = 'down';
    summary = `${first} → ${last} over ${scored.length} scans (${trend}).`;
  }
  const path = points
    .map((p, i) => (p.score === null ? undefined : `${x(i)},${y(p.score)}`))
    .filter(Boolean)
    .join(' ');

  return (
    <InfoCard title="Score history">
      <Typography variant="body2" color="textSecondary" gutterBottom>
        {summary}
      </Typography>
      <svg
        className={classes.chart}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={`Score history: ${summary}`}
      >
        {[100, 50, 0].map(v => (
          <line
            key={v}
            className={classes.grid}
            x1={0}
            x2={WIDTH}
            y1={y(v)}
            y2={y(v)}
            vectorEffect="non-scaling-stroke"
          />
        ))}
        {scored.length > 1 && (
          <polyline
            className={classes.line}
            points={path}
            vectorEffect="non-scaling-stroke"
          />
        )}
        {points.map((p, i) =>
          p.score === null ? (
            <rect
              key={i}
              className={classes.failed}
              x={x(i) - 3}
              y={HEIGHT - PAD - 6}
              width={6}
              height={6}
            >
              <title>{`${formatTimestamp(p.scannedAt)}: ${p.status}`}</title>
            </rect>
          ) : (
            <circle
              key={i}
              cx={x(i)}
              cy={y(p.score)}
              r={4}
              fill={scoreColor(theme.palette, p.score)}
            >
              <title>{`${formatTimestamp(p.scannedAt)}: ${p.score} (${
                p.grade
              })`}</title>
            </circle>
          ),
        )}
      </svg>
    </InfoCard>
  );
};
