import {
  Box,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
} from '@material-ui/core';
import { InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  gradeOf,
  type ScorecardResponse,
} from '@image-health/plugin-image-health-common';
import { GradeBadge } from '../common';

type OwnerAverage = ScorecardResponse['aggregates']['owners'][number];

const OwnerName = ({ owner }: { owner: string }) =>
  owner.includes(':') || owner.includes('/') ? (
    <EntityRefLink entityRef={owner} defaultKind="group" />
  ) : (
    <>{owner}</>
  );

/** Average score per owner, worst first: who owns the images to fix. */
export const OwnerAverages = ({ owners }: { owners?: OwnerAverage[] }) => {
  const sorted = [...(owners ?? [])].sort(
    (a, b) => (a.averageScore ?? 101) - (b.averageScore ?? 101),
  );
  return (
    <InfoCard title="Average score per owner" variant="gridItem" noPadding>
      {/* A fixed height, scrolled: the row of cards keeps its size when data arrives. */}
      <Box
        height={260}
        overflow="auto"
        tabIndex={0}
        aria-label="Average score per owner"
      >
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>Owner</TableCell>
              <TableCell align="right">Entities</TableCell>
              <TableCell align="right">Average</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {sorted.map(owner => (
              <TableRow key={owner.owner}>
                <TableCell>
                  <OwnerName owner={owner.owner} />
                </TableCell>
                <TableCell align="right">{owner.entities}</TableCell>
                <TableCell align="right">
                  <Box
                    display="inline-flex"
                    alignItems="center"
                    style={{ gap: 8 }}
                  >
                    {owner.averageScore === null
                      ? '–'
                      : Math.round(owner.averageScore)}
                    <GradeBadge grade={gradeOf(owner.averageScore)} size={22} />
                  </Box>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
    </InfoCard>
  );
};
