import { Config } from '@backstage/config';

/** What a scan can do to an entity that earns its owner a notification. */
export type RegressionEvent =
  | 'grade-drop'
  | 'new-error-finding'
  | 'over-budget';

export const REGRESSION_EVENTS: readonly RegressionEvent[] = [
  'grade-drop',
  'new-error-finding',
  'over-budget',
];

export interface NotificationSettings {
  enabled: boolean;
  events: ReadonlySet<RegressionEvent>;
  /** Grade steps (B → C is one) a scan must lose to count as a grade drop. */
  minGradeDrop: number;
}

/** Reads `imageHealth.notifications`; off unless `enabled: true`. */
export function readNotificationSettings(root: Config): NotificationSettings {
  const config = root.getOptionalConfig('imageHealth.notifications');
  const events = config?.getOptionalStringArray('events') ?? REGRESSION_EVENTS;
  for (const event of events) {
    if (!REGRESSION_EVENTS.includes(event as RegressionEvent)) {
      throw new Error(
        `imageHealth.notifications.events: "${event}" is not one of ${REGRESSION_EVENTS.join(
          ', ',
        )}`,
      );
    }
  }
  const minGradeDrop = config?.getOptionalNumber('minGradeDrop') ?? 1;
  if (!Number.isInteger(minGradeDrop) || minGradeDrop < 1 || minGradeDrop > 5) {
    throw new Error(
      `imageHealth.notifications.minGradeDrop must be a whole number from 1 to 5, got ${minGradeDrop}`,
    );
  }
  return {
    enabled: config?.getOptionalBoolean('enabled') ?? false,
    events: new Set(events as RegressionEvent[]),
    minGradeDrop,
  };
}
