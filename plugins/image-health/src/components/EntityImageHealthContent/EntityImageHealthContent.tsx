import { Box } from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  imageHealthScanPlan,
  isImageHealthAvailable,
  type RuleInfo,
} from '@image-health/plugin-image-health-common';
import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useMemo } from 'react';
import { imageHealthApiRef } from '../../api';
import { MissingAnnotationState } from './MissingAnnotationState';
import { NoDockerfileFoundState } from './NoDockerfileFoundState';
import { RescanButton } from './RescanButton';
import { ReportView } from './ReportView';
import { useRescan } from './useRescan';

const HISTORY_LIMIT = 30;

const EntityReport = () => {
  const { entity } = useEntity();
  const api = useApi(imageHealthApiRef);
  const entityRef = useMemo(() => getCompoundEntityRef(entity), [entity]);

  const report = useAsyncRetry(
    () => api.getReport(entityRef),
    [api, entityRef],
  );
  // History is secondary: the report is shown without it when it fails.
  const history = useAsyncRetry(
    () => api.getHistory(entityRef, { limit: HISTORY_LIMIT }),
    [api, entityRef],
  );
  // The rule catalogue says why a finding matters; optional like the history.
  const rules = useAsync(async () => {
    const byId = new Map<string, RuleInfo>();
    for (const rule of await api.getRules()) {
      byId.set(rule.id, rule);
    }
    return byId;
  }, [api]);
  const { state: rescanState, rescan } = useRescan(entityRef, () => {
    report.retry();
    history.retry();
  });
  const rescanButton = <RescanButton state={rescanState} onRescan={rescan} />;

  if (report.loading && !report.value) {
    return <Progress />;
  }
  if (report.error) {
    return <ResponseErrorPanel error={report.error} />;
  }
  if (!report.value) {
    const plan = imageHealthScanPlan(entity);
    if (plan?.defaultDockerfile && plan.images.length === 0) {
      return <NoDockerfileFoundState entity={entity} action={rescanButton} />;
    }
    return (
      <EmptyState
        missing="data"
        title="Not scanned yet"
        description="This entity has Image Health annotations but no scan has finished yet. Scans run on a schedule; the report appears here when the first one is done."
        action={<Box>{rescanButton}</Box>}
      />
    );
  }
  return (
    <ReportView
      report={report.value}
      entityRef={entityRef}
      history={history.value?.items}
      historyError={history.error}
      rules={rules.value}
      rescan={rescanButton}
    />
  );
};

/** The Image Health tab of an entity page. */
export const EntityImageHealthContent = () => {
  const { entity } = useEntity();
  if (!isImageHealthAvailable(entity)) {
    return <MissingAnnotationState entity={entity} />;
  }
  return <EntityReport />;
};
