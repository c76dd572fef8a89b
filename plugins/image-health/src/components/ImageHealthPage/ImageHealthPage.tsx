import { Box, Button, Grid, Typography } from '@material-ui/core';
import GetAppIcon from '@material-ui/icons/GetApp';
import { useEffect, useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import {
  Content,
  ContentHeader,
  Header,
  InfoCard,
  Page,
  ResponseErrorPanel,
  SupportButton,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  ANNOTATION_DOCKERFILE,
  ANNOTATION_IMAGE,
  formatBytes,
  type ScorecardRow,
} from '@image-health/plugin-image-health-common';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { imageHealthApiRef, type ScorecardSortField } from '../../api';
import { useEntityTabLink } from '../common';
import { Link } from '@backstage/core-components';
import { scorecardCsv } from './csv';
import { GradeDistribution } from './GradeDistribution';
import { OwnerAverages } from './OwnerAverages';
import {
  ScorecardFilters,
  type FilterOptions,
  type ScorecardFilterValues,
} from './ScorecardFilters';
import { ScorecardTable } from './ScorecardTable';

const EXPORT_PAGE_SIZE = 500;
const TOP_RECLAIMABLE = 5;

/** Values of the catalog the filters offer; best effort, free text works too. */
function useFilterOptions(): FilterOptions {
  const catalogApi = useApi(catalogApiRef);
  const { value } = useAsync(async () => {
    const { facets } = await catalogApi.getEntityFacets({
      filter: [
        {
          [`metadata.annotations.${ANNOTATION_DOCKERFILE}`]:
            CATALOG_FILTER_EXISTS,
        },
        { [`metadata.annotations.${ANNOTATION_IMAGE}`]: CATALOG_FILTER_EXISTS },
      ],
      facets: [
        'kind',
        'spec.type',
        'spec.lifecycle',
        'spec.system',
        'spec.owner',
      ],
    });
    const values = (facet: string) =>
      (facets[facet] ?? []).map(f => f.value).sort();
    return {
      owner: values('spec.owner'),
      kind: values('kind'),
      type: values('spec.type'),
      lifecycle: values('spec.lifecycle'),
      system: values('spec.system'),
    };
  }, [catalogApi]);
  return value ?? {};
}

function download(filename: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = filename;
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  URL.revokeObjectURL(url);
}

/** The org-wide scorecard: every scanned entity, worst first by default. */
export const ImageHealthPage = () => {
  const api = useApi(imageHealthApiRef);
  const tabLink = useEntityTabLink();
  const options = useFilterOptions();

  const [filters, setFilters] = useState<ScorecardFilterValues>({});
  const [sort, setSort] = useState<ScorecardSortField>('score');
  const [order, setOrder] = useState<'asc' | 'desc'>('asc');
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(20);

  const query = useMemo(
    () => ({
      ...filters,
      sort,
      order,
      offset: page * pageSize,
      limit: pageSize,
    }),
    [filters, sort, order, page, pageSize],
  );
  const [scorecard, load] = useAsyncFn(
    () => api.getScorecard(query),
    [api, query],
    {
      loading: true,
    },
  );
  useEffect(() => {
    load();
  }, [load]);

  const [exporting, exportCsv] = useAsyncFn(async () => {
    const rows: ScorecardRow[] = [];
    for (;;) {
      const response = await api.getScorecard({
        ...filters,
        sort,
        order,
        offset: rows.length,
        limit: EXPORT_PAGE_SIZE,
      });
      rows.push(...response.rows);
      if (
        response.rows.length === 0 ||
        rows.length >= response.totals.filtered
      ) {
        break;
      }
    }
    download('image-health-scorecard.csv', scorecardCsv(rows));
  }, [api, filters, sort, order]);

  const aggregates = scorecard.value?.aggregates;
  const totals = scorecard.value?.totals;

  return (
    <Page themeId="tool">
      <Header
        title="Image Health"
        subtitle="How small, fast to build and safe every service's container image is"
      />
      <Content>
        <ContentHeader title="Scorecard">
          <Button
            variant="outlined"
            color="primary"
            startIcon={<GetAppIcon />}
            onClick={() => exportCsv()}
            disabled={exporting.loading || !totals?.filtered}
          >
            {exporting.loading ? 'Exporting…' : 'Export CSV'}
          </Button>
          <SupportButton>
            Grades of the latest scan of every entity with an image-health
            annotation. Filter, sort, and open an entity for its findings.
          </SupportButton>
        </ContentHeader>
        <Grid container spacing={3}>
          {exporting.error && (
            <Grid item xs={12}>
              <ResponseErrorPanel
                error={exporting.error}
                title="CSV export failed"
              />
            </Grid>
          )}
          <Grid item xs={12}>
            <ScorecardFilters
              values={filters}
              options={{
                ...options,
                owner: [
                  ...new Set([
                    ...(options.owner ?? []),
                    ...(aggregates?.owners.map(o => o.owner) ?? []),
                  ]),
                ].sort(),
              }}
              onChange={values => {
                setFilters(values);
                setPage(0);
              }}
            />
          </Grid>
          <Grid item xs={12} md={4}>
            <GradeDistribution distribution={aggregates?.gradeDistribution} />
          </Grid>
          <Grid item xs={12} md={4}>
            <OwnerAverages owners={aggregates?.owners} />
          </Grid>
          <Grid item xs={12} md={4}>
            <InfoCard title="Top reclaimable">
              <Typography variant="h5" component="p">
                {aggregates ? formatBytes(aggregates.reclaimableBytes) : '–'}
              </Typography>
              <Typography variant="body2" color="textSecondary" gutterBottom>
                {aggregates?.topReclaimable?.length
                  ? 'could be reclaimed across the filtered entities'
                  : 'measured on scanned images; none of the filtered entities has reclaimable bytes'}
              </Typography>
              <Box
                component="ol"
                pl={2.5}
                m={0}
                aria-label="Top reclaimable entities"
              >
                {(aggregates?.topReclaimable ?? [])
                  .slice(0, TOP_RECLAIMABLE)
                  .map(row => (
                    <li key={row.entityRef}>
                      <Link to={tabLink(row.entityRef)}>
                        {row.title || row.entityRef}
                      </Link>{' '}
                      {formatBytes(row.reclaimableBytes)}
                    </li>
                  ))}
              </Box>
            </InfoCard>
          </Grid>
          <Grid item xs={12}>
            {scorecard.error ? (
              <ResponseErrorPanel error={scorecard.error} />
            ) : (
              <InfoCard
                title={
                  totals
                    ? `${totals.filtered} of ${totals.entities} scanned entities`
                    : 'Scanned entities'
                }
                noPadding
              >
                <ScorecardTable
                  rows={scorecard.value?.rows ?? []}
                  total={totals?.filtered ?? 0}
                  loading={scorecard.loading}
                  page={page}
                  pageSize={pageSize}
                  sort={sort}
                  order={order}
                  onPageChange={setPage}
                  onPageSizeChange={size => {
                    setPageSize(size);
                    setPage(0);
                  }}
                  onSortChange={(field, direction) => {
                    setSort(field);
                    setOrder(direction);
                    setPage(0);
                  }}
                />
              </InfoCard>
            )}
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
};
