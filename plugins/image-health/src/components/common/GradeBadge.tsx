import { makeStyles, useTheme } from '@material-ui/core/styles';
import type { BackstageTheme } from '@backstage/theme';
import type { Grade } from '@image-health/plugin-image-health-common';
import { gradeColor } from './grades';

const useStyles = makeStyles(theme => ({
  badge: {
    display: 'inline-flex',
    alignItems: 'center',
    justifyContent: 'center',
    flexShrink: 0,
    borderRadius: theme.shape.borderRadius,
    fontWeight: theme.typography.fontWeightBold as number,
    lineHeight: 1,
  },
}));

export interface GradeBadgeProps {
  grade: Grade;
  /** Edge length in pixels; fixed so a late grade does not move its neighbours. */
  size?: number;
}

/** A grade letter on its colour; screen readers hear "Grade B". */
export const GradeBadge = ({ grade, size = 32 }: GradeBadgeProps) => {
  const classes = useStyles();
  const theme = useTheme<BackstageTheme>();
  const background = gradeColor(theme.palette, grade);
  return (
    <span
      className={classes.badge}
      role="img"
      aria-label={`Grade ${grade}`}
      style={{
        width: size,
        height: size,
        fontSize: grade === 'N/A' ? size * 0.3 : size * 0.5,
        backgroundColor: background,
        color: theme.palette.getContrastText(background),
      }}
    >
      {grade}
    </span>
  );
};
