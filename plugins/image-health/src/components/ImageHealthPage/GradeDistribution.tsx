import { Box, Typography } from '@material-ui/core';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import type { BackstageTheme } from '@backstage/theme';
import { InfoCard } from '@backstage/core-components';
import type { Grade } from '@image-health/plugin-image-health-common';
import { GRADES, gradeColor } from '../common';

const useStyles = makeStyles(theme => ({
  row: {
    display: 'grid',
    gridTemplateColumns: '3em 1fr 4em',
    alignItems: 'center',
    gap: theme.spacing(1),
    height: 24,
  },
  track: {
    height: 14,
    borderRadius: 2,
    backgroundColor: theme.palette.action.hover,
    overflow: 'hidden',
  },
  bar: {
    height: '100%',
  },
}));

/** How many entities have each grade, as one bar per grade. */
export const GradeDistribution = ({
  distribution,
}: {
  distribution?: Partial<Record<Grade, number>>;
}) => {
  const classes = useStyles();
  const theme = useTheme<BackstageTheme>();
  const counts = GRADES.map(grade => distribution?.[grade] ?? 0);
  const max = Math.max(1, ...counts);
  return (
    <InfoCard title="Grade distribution" variant="gridItem">
      <Box role="list" aria-label="Grade distribution">
        {GRADES.map((grade, i) => (
          <div
            key={grade}
            className={classes.row}
            role="listitem"
            aria-label={`${grade}: ${counts[i]}`}
          >
            <Typography variant="body2" component="span">
              {grade}
            </Typography>
            <div className={classes.track} aria-hidden>
              <div
                className={classes.bar}
                style={{
                  width: `${(counts[i] / max) * 100}%`,
                  backgroundColor: gradeColor(theme.palette, grade),
                }}
              />
            </div>
            <Typography variant="body2" component="span" align="right">
              {distribution ? counts[i] : '–'}
            </Typography>
          </div>
        ))}
      </Box>
    </InfoCard>
  );
};
