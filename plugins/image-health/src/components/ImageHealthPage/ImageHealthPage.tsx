import { Box, Button, Grid, Typography } from '@material-ui/core';
import GetAppIcon from '@material-ui/icons/GetApp';
import { useEffect, useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import {
  Content,
  ContentHeader,
  EmptyState,
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
import { imageHealthApiRef } from '../../api';
import { useEntityTabLink } from '../common';
import { Link } from '@backstage/core-components';
import { scorecardCsv } from './csv';
import { GradeDistribution } from './GradeDistribution';
import { OwnerAverages } from './OwnerAverages';
import { ScorecardFilters, type FilterOptions } from './ScorecardFilters';
import { ScorecardTable } from './ScorecardTable';
import { scorecardQuery, useScorecardView } from './scorecardView';

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

const ScorecardError = (props: { error: Error; onRetry: () => void }) => (
  <>
    <ResponseErrorPanel error={props.error} />
    <Box mt={2}>
      <Button variant="outlined" onClick={() => props.onRetry()}>
        Try again
      </Button>
    </Box>
  </>
);

const NothingScanned = () => (
  <EmptyState
    missing="data"
    title="No scanned entities yet"
    description={`Entities are scanned when they have the ${ANNOTATION_DOCKERFILE} or ${ANNOTATION_IMAGE} annotation (or a Dockerfile at their source root); scans run on a schedule, so a new entity shows up here after its first scan.`}
  />
);

/** The org-wide scorecard: every scanned entity, worst first by default. */
export const ImageHealthPage = () => {
  const api = useApi(imageHealthApiRef);
  const tabLink = useEntityTabLink();
  const options = useFilterOptions();

  const [view, setView] = useScorecardView();
  const query = useMemo(() => scorecardQuery(view), [view]);
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

  // A link to a page the filtered rows no longer reach opens the last one.
  const filtered = scorecard.value?.totals.filtered ?? 0;
  const lastPage = Math.max(0, Math.ceil(filtered / view.pageSize) - 1);
  const pastTheEnd =
    !scorecard.loading &&
    scorecard.value?.rows.length === 0 &&
    view.page > lastPage;
  useEffect(() => {
    if (pastTheEnd) setView({ ...view, page: lastPage }, { replace: true });
  }, [pastTheEnd, lastPage, view, setView]);

  // The export reads the same view as the table, so it holds what the URL says.
  const [exporting, exportCsv] = useAsyncFn(async () => {
    const rows: ScorecardRow[] = [];
    for (;;) {
      const response = await api.getScorecard({
        ...scorecardQuery(view),
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
  }, [api, view]);

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
              values={view.filters}
              options={{
                ...options,
                owner: [
                  ...new Set([
                    ...(options.owner ?? []),
                    ...(aggregates?.owners.map(o => o.owner) ?? []),
                  ]),
                ].sort(),
              }}
              onChange={filters => setView({ ...view, filters, page: 0 })}
              onSearch={filters =>
                setView({ ...view, filters, page: 0 }, { replace: true })
              }
            />
          </Grid>
          <Grid item xs={12} md={4}>
            <GradeDistribution distribution={aggregates?.gradeDistribution} />
          </Grid>
          <Grid item xs={12} md={4}>
            <OwnerAverages owners={aggregates?.owners} />
          </Grid>
          <Grid item xs={12} md={4}>
            <InfoCard title="Top reclaimable" variant="gridItem">
              <Typography variant="h5" component="p">
                {aggregates ? formatBytes(aggregates.reclaimableBytes) : '–'}
              </Typography>
              <Typography variant="body2" color="textSecondary" gutterBottom>
                {aggregates && !aggregates.topReclaimable?.length
                  ? 'measured on scanned images; none of the filtered entities has reclaimable bytes'
                  : 'could be reclaimed across the filtered entities'}
              </Typography>
              <Box
                component="ol"
                pl={2.5}
                m={0}
                // Room for the whole list before it arrives: nothing below moves.
                minHeight={`${TOP_RECLAIMABLE * 1.5}em`}
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
            {scorecard.error && (
              <ScorecardError error={scorecard.error} onRetry={load} />
            )}
            {!scorecard.error && totals?.entities === 0 && <NothingScanned />}
            {!scorecard.error && totals?.entities !== 0 && (
              <InfoCard
                title={
                  <span aria-live="polite">
                    {totals
                      ? `${totals.filtered} of ${totals.entities} scanned entities`
                      : 'Scanned entities'}
                  </span>
                }
                noPadding
              >
                <ScorecardTable
                  rows={scorecard.value?.rows}
                  total={totals?.filtered}
                  loading={scorecard.loading}
                  page={totals ? Math.min(view.page, lastPage) : view.page}
                  pageSize={view.pageSize}
                  sort={view.sort}
                  order={view.order}
                  onPageChange={page => setView({ ...view, page })}
                  onPageSizeChange={pageSize =>
                    setView({ ...view, pageSize, page: 0 })
                  }
                  onSortChange={(sort, order) =>
                    setView({ ...view, sort, order, page: 0 })
                  }
                  onClearFilters={
                    Object.keys(view.filters).length
                      ? () => setView({ ...view, filters: {}, page: 0 })
                      : undefined
                  }
                />
              </InfoCard>
            )}
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
};
