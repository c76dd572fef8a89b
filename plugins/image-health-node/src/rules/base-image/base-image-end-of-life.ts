import type { Rule } from '../types';
import { endOfLifeHit, stageLifecycles } from './lifecycle';

export const rule: Rule = {
  id: 'base-image-end-of-life',
  title: 'Shipped base image is past its end of life',
  category: 'base-image',
  severity: 'error',
  equivalents: [],
  description:
    'The image the container runs on gets no more security fixes: its language runtime or distribution release has reached end of life (dates from endoflife.date, shipped with the engine). Build stages are judged by build-stage-end-of-life.',
  check({ model, now = new Date() }) {
    return stageLifecycles(model, now)
      .filter(s => s.shipped && s.days < 0)
      .map(s => endOfLifeHit(model, s, now));
  },
};
