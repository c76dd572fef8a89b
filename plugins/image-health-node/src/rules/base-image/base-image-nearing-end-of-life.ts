import type { Rule } from '../types';
import { endOfLifeHit, stageLifecycles } from './lifecycle';

/** How long before the end of life a shipped base image is reported. */
export const NEARING_END_OF_LIFE_DAYS = 90;

export const rule: Rule = {
  id: 'base-image-nearing-end-of-life',
  title: 'Shipped base image reaches end of life within 90 days',
  category: 'base-image',
  severity: 'warning',
  equivalents: [],
  description:
    'The runtime or distribution release the container runs on stops getting security fixes within 90 days: plan the move now.',
  check({ model, now = new Date() }) {
    return stageLifecycles(model, now)
      .filter(
        s => s.shipped && s.days >= 0 && s.days <= NEARING_END_OF_LIFE_DAYS,
      )
      .map(s => endOfLifeHit(model, s, now));
  },
};
