import { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { isError } from '@backstage/errors';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { Report } from '@image-health/plugin-image-health-common';
import type { ScanJobRunner } from '../service/ScanWorker';
import { NotificationSettings } from './config';
import { findRegressions, Regression } from './regressions';

export interface RegressionNotificationsOptions {
  settings: NotificationSettings;
  notifications: NotificationService;
  /** Reads stored reports; the store's public methods. */
  reports: {
    getReport(entityRef: string): Promise<Report | undefined>;
    getTarget(entityRef: string): Promise<{ title: string } | undefined>;
  };
  logger: LoggerService;
}

/** The entity's Image Health tab, where the before and after are shown in full. */
function tabLink(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/catalog/${encodeURIComponent(namespace)}/${encodeURIComponent(
    kind.toLocaleLowerCase('en-US'),
  )}/${encodeURIComponent(name)}/image-health`;
}

async function send(
  options: RegressionNotificationsOptions,
  entityRef: string,
  regressions: Regression[],
): Promise<void> {
  const title =
    (await options.reports.getTarget(entityRef))?.title ?? entityRef;
  const worst = regressions.some(r => r.event !== 'grade-drop');
  await options.notifications.send({
    // The notifications backend resolves an entity to its owner's users.
    recipients: { type: 'entity', entityRef },
    payload: {
      title: `Image Health of ${title} regressed`,
      description: regressions.map(r => r.summary).join(' '),
      link: tabLink(entityRef),
      severity: worst ? 'high' : 'normal',
      topic: 'image-health',
    },
  });
}

/**
 * Wraps the scan job runner so that a scan that made an entity worse sends
 * its owner one notification, with the numbers before and after. Returns the
 * runner unchanged when notifications are off.
 */
export function notifyRegressions(
  run: ScanJobRunner,
  options: RegressionNotificationsOptions,
): ScanJobRunner {
  const { settings, reports, logger } = options;
  if (!settings.enabled || settings.events.size === 0) return run;
  return async (scan, context) => {
    const before = await reports.getReport(scan.entityRef);
    await run(scan, context);
    try {
      const after = await reports.getReport(scan.entityRef);
      // Unchanged, failed (the last good report stays) or taken over by
      // another worker, which notifies for it: nothing new to judge here.
      if (
        !after ||
        context.leaseLost() ||
        after.scannedAt === before?.scannedAt
      ) {
        return;
      }
      const regressions = findRegressions(before, after, settings);
      if (regressions.length > 0)
        await send(options, scan.entityRef, regressions);
    } catch (error) {
      // A notification is a courtesy: its failure never fails the scan.
      logger.warn(
        `could not notify the owner of ${
          scan.entityRef
        } about its Image Health regression: ${
          isError(error) ? error.message : error
        }`,
      );
    }
  };
}
