import {
  Button,
  LinearProgress,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TablePagination,
  TableRow,
  TableSortLabel,
  Typography,
} from '@material-ui/core';
import { makeStyles } from '@material-ui/core/styles';
import Skeleton from '@material-ui/lab/Skeleton';
import { Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  formatBytes,
  type ScorecardRow,
} from '@image-health/plugin-image-health-common';
import type { ScorecardSortField } from '../../api';
import {
  GradeBadge,
  formatAge,
  formatTimestamp,
  useEntityTabLink,
} from '../common';
import { PAGE_SIZES } from './scorecardView';

/** Height of the grade badge in a row; placeholders take the same. */
const BADGE_SIZE = 26;

const useStyles = makeStyles({
  // Reserved so the table does not jump when loading starts or ends.
  progressSlot: { height: 4 },
  baseImage: {
    fontFamily: 'monospace',
    fontSize: '0.8rem',
    wordBreak: 'break-all',
  },
});

function rootText(userIsRoot: boolean | undefined): string {
  if (userIsRoot === undefined) return '–';
  return userIsRoot ? 'yes' : 'no';
}

/** Policy findings of the row's report: unknown for reports made before they were counted. */
function policyText(violations: number | undefined): string {
  if (violations === undefined) return '–';
  return violations === 0
    ? 'ok'
    : `${violations} violation${violations > 1 ? 's' : ''}`;
}

interface Column {
  title: string;
  sort?: ScorecardSortField;
  align?: 'right';
  render: (row: ScorecardRow) => React.ReactNode;
  /** What stands in the cell while the first page loads. */
  placeholder?: React.ReactNode;
}

export interface ScorecardTableProps {
  /** Undefined until the first page arrives. */
  rows?: ScorecardRow[];
  /** Rows matching the filters; undefined until known. */
  total?: number;
  loading: boolean;
  page: number;
  pageSize: number;
  sort: ScorecardSortField;
  order: 'asc' | 'desc';
  onPageChange: (page: number) => void;
  onPageSizeChange: (pageSize: number) => void;
  onSortChange: (sort: ScorecardSortField, order: 'asc' | 'desc') => void;
  /** Offered when no row matches, if any filter is set. */
  onClearFilters?: () => void;
}

/** One row per scanned entity; paging and sorting happen on the server. */
export const ScorecardTable = (props: ScorecardTableProps) => {
  const classes = useStyles();
  const tabLink = useEntityTabLink();
  const columns: Column[] = [
    {
      title: 'Name',
      sort: 'title',
      render: row => (
        <Link to={tabLink(row.entityRef)}>{row.title || row.entityRef}</Link>
      ),
    },
    {
      title: 'Owner',
      sort: 'owner',
      render: row =>
        row.owner ? (
          <EntityRefLink entityRef={row.owner} defaultKind="group" />
        ) : (
          '–'
        ),
    },
    {
      title: 'Grade',
      render: row => <GradeBadge grade={row.grade} size={BADGE_SIZE} />,
      placeholder: (
        <Skeleton variant="rect" width={BADGE_SIZE} height={BADGE_SIZE} />
      ),
    },
    {
      title: 'Score',
      sort: 'score',
      align: 'right',
      render: row => (row.score === null ? '–' : row.score),
    },
    {
      title: 'Size',
      sort: 'compressedBytes',
      align: 'right',
      render: row =>
        row.compressedBytes === undefined
          ? '–'
          : formatBytes(row.compressedBytes),
    },
    {
      title: 'Base image',
      render: row => (
        <span className={classes.baseImage}>{row.baseImage ?? '–'}</span>
      ),
    },
    {
      title: 'Root',
      render: row => rootText(row.userIsRoot),
    },
    {
      title: 'Policy',
      sort: 'policyViolations',
      align: 'right',
      render: row => policyText(row.policyViolations),
    },
    {
      title: 'Reclaimable',
      sort: 'reclaimableBytes',
      align: 'right',
      render: row =>
        row.reclaimableBytes === undefined
          ? '–'
          : formatBytes(row.reclaimableBytes),
    },
    {
      title: 'Last scan',
      sort: 'scannedAt',
      render: row => (
        <time dateTime={row.scannedAt} title={formatTimestamp(row.scannedAt)}>
          {formatAge(row.scannedAt)}
        </time>
      ),
    },
  ];

  const sortBy = (field: ScorecardSortField) => {
    const order =
      props.sort === field && props.order === 'asc' ? 'desc' : 'asc';
    props.onSortChange(field, order);
  };

  return (
    <>
      <div className={classes.progressSlot}>
        {props.loading && <LinearProgress aria-label="Loading scorecard" />}
      </div>
      <TableContainer>
        <Table size="small" aria-label="Scorecard">
          <TableHead>
            <TableRow style={{ whiteSpace: 'nowrap' }}>
              {columns.map(column => (
                <TableCell
                  key={column.title}
                  align={column.align}
                  sortDirection={
                    column.sort && props.sort === column.sort
                      ? props.order
                      : false
                  }
                >
                  {column.sort ? (
                    <TableSortLabel
                      active={props.sort === column.sort}
                      direction={
                        props.sort === column.sort ? props.order : 'asc'
                      }
                      onClick={() => sortBy(column.sort!)}
                    >
                      {column.title}
                    </TableSortLabel>
                  ) : (
                    column.title
                  )}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {props.rows === undefined &&
              // Rows of the size that will arrive, so the page does not jump.
              Array.from({ length: props.pageSize }, (_, i) => (
                <TableRow key={i} aria-hidden>
                  {columns.map(column => (
                    <TableCell key={column.title}>
                      {column.placeholder ?? <Skeleton variant="text" />}
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            {props.rows?.map(row => (
              <TableRow key={row.entityRef} hover>
                {columns.map(column => (
                  <TableCell key={column.title} align={column.align}>
                    {column.render(row)}
                  </TableCell>
                ))}
              </TableRow>
            ))}
            {!props.loading && props.rows?.length === 0 && (
              <TableRow>
                <TableCell colSpan={columns.length} align="center">
                  <Typography variant="body2" gutterBottom>
                    No scanned entity matches these filters.
                  </Typography>
                  {props.onClearFilters && (
                    <Button
                      size="small"
                      color="primary"
                      onClick={props.onClearFilters}
                    >
                      Clear filters
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      </TableContainer>
      <TablePagination
        component="div"
        count={props.total ?? -1}
        page={props.page}
        rowsPerPage={props.pageSize}
        rowsPerPageOptions={PAGE_SIZES}
        onPageChange={(_, page) => props.onPageChange(page)}
        onRowsPerPageChange={event =>
          props.onPageSizeChange(parseInt(event.target.value, 10))
        }
      />
    </>
  );
};
