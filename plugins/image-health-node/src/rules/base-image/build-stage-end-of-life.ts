import type { Rule } from '../types';
import { endOfLifeHit, stageLifecycles } from './lifecycle';

export const rule: Rule = {
  id: 'build-stage-end-of-life',
  title: 'Build stage runs on an end-of-life toolchain',
  category: 'base-image',
  severity: 'warning',
  equivalents: [],
  description:
    'A stage that does not ship still compiles the artifact that does: an end-of-life toolchain gets no fixes for its compiler or standard library. A warning, not an error, since its image is not the one that runs.',
  check({ model, now = new Date() }) {
    return stageLifecycles(model, now)
      .filter(s => !s.shipped && s.days < 0)
      .map(s => endOfLifeHit(model, s, now));
  },
};
