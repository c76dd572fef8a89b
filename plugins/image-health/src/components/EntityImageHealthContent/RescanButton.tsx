import { Box, Button, CircularProgress, Typography } from '@material-ui/core';
import RefreshIcon from '@material-ui/icons/Refresh';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import { imageHealthScanCreatePermission } from '@image-health/plugin-image-health-common';
import type { RescanState } from './useRescan';

function progressText(state: RescanState): string | undefined {
  switch (state.phase) {
    case 'requesting':
      return 'Queueing scan…';
    case 'polling':
      return state.scan.state === 'running' ? 'Scanning…' : 'Queued…';
    case 'failed':
      return `Rescan failed: ${state.error}`;
    default:
      return undefined;
  }
}

/**
 * Queues a scan now. Rendered only for users allowed to create scans; while
 * permission is being checked nothing is shown, so it never flashes.
 */
export const RescanButton = ({
  state,
  onRescan,
}: {
  state: RescanState;
  onRescan: () => void;
}) => {
  const { entity } = useEntity();
  // Decided per entity: a policy may let only the entity's owners rescan.
  const { allowed, loading } = usePermission({
    permission: imageHealthScanCreatePermission,
    resourceRef: stringifyEntityRef(entity),
  });
  if (loading || !allowed) {
    return null;
  }
  const busy = state.phase === 'requesting' || state.phase === 'polling';
  const text = progressText(state);
  return (
    <Box display="flex" alignItems="center" flexWrap="wrap" style={{ gap: 8 }}>
      <Button
        variant="outlined"
        color="primary"
        onClick={onRescan}
        disabled={busy}
        startIcon={
          busy ? <CircularProgress size={16} aria-hidden /> : <RefreshIcon />
        }
      >
        Rescan
      </Button>
      {text && (
        <Typography
          variant="body2"
          role="status"
          color={state.phase === 'failed' ? 'error' : 'textSecondary'}
        >
          {text}
        </Typography>
      )}
    </Box>
  );
};
