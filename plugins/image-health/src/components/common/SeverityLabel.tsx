import {
  StatusAborted,
  StatusError,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import type { Severity } from '@image-health/plugin-image-health-common';

/** The severity as a coloured status word ("error", "warning", …). */
export const SeverityLabel = ({ severity }: { severity: Severity }) => {
  switch (severity) {
    case 'error':
      return <StatusError>error</StatusError>;
    case 'warning':
      return <StatusWarning>warning</StatusWarning>;
    case 'info':
      return <StatusPending>info</StatusPending>;
    default:
      return <StatusAborted>style</StatusAborted>;
  }
};
