import type { BackstagePalette } from '@backstage/theme';
import type { Grade } from '@image-health/plugin-image-health-common';
import { gradeOf } from '@image-health/plugin-image-health-common';

export { GRADES } from '@image-health/plugin-image-health-common';

/**
 * The colour of a grade, from the theme's status palette so it reads in both
 * the light and the dark theme.
 */
export function gradeColor(palette: BackstagePalette, grade: Grade): string {
  switch (grade) {
    case 'A':
    case 'B':
      return palette.status.ok;
    case 'C':
      return palette.status.pending;
    case 'D':
    case 'E':
      return palette.status.warning;
    case 'F':
      return palette.status.error;
    default:
      return palette.status.aborted;
  }
}

/** Gauge colour for a 0..100 score; the same bands as the grades. */
export function scoreColor(palette: BackstagePalette, value: number): string {
  return gradeColor(palette, gradeOf(value));
}
