import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
} from '@material-ui/core';
import { InfoCard } from '@backstage/core-components';
import type {
  Score,
  ScoreCategoryKey,
} from '@image-health/plugin-image-health-common';
import { GradeBadge } from '../common';

export const SCORE_CATEGORY_TITLES: Record<ScoreCategoryKey, string> = {
  size: 'Size',
  layers: 'Layers',
  baseImage: 'Base image',
  security: 'Security',
  buildCache: 'Build cache',
};

const ORDER: ScoreCategoryKey[] = [
  'size',
  'layers',
  'baseImage',
  'security',
  'buildCache',
];

/** The five category grades with the numbers behind each. */
export const CategoryGrades = ({ score }: { score: Score }) => (
  <InfoCard title="Categories" noPadding>
    <Table size="small" aria-label="Category grades">
      <TableHead>
        <TableRow style={{ whiteSpace: 'nowrap' }}>
          <TableCell>Category</TableCell>
          <TableCell>Grade</TableCell>
          <TableCell align="right">Score</TableCell>
          <TableCell align="right">Weight</TableCell>
          <TableCell>Why</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {ORDER.map(key => {
          const category = score.categories[key];
          return (
            <TableRow key={key}>
              <TableCell
                component="th"
                scope="row"
                style={{ whiteSpace: 'nowrap' }}
              >
                {SCORE_CATEGORY_TITLES[key]}
              </TableCell>
              <TableCell>
                <GradeBadge grade={category.grade} size={28} />
              </TableCell>
              <TableCell align="right">
                {category.value === null ? '–' : category.value}
              </TableCell>
              <TableCell align="right">
                {Math.round(category.weight * 100)}%
              </TableCell>
              <TableCell>{category.detail}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  </InfoCard>
);
