import type { Rule } from '../types';
import { externalStages, fromWithImage } from './images';
import { onSupportedBase } from './lifecycle';

export const rule: Rule = {
  id: 'base-image-not-pinned-by-digest',
  title: 'Final base image is not pinned by digest',
  category: 'base-image',
  severity: 'info',
  equivalents: [],
  description:
    'A tag can be re-pushed; a digest cannot. Pinning the final stage base by digest (with a bot such as Renovate to bump it) makes builds reproducible and auditable.',
  check({ model, now = new Date() }) {
    return externalStages(model)
      .filter(
        s =>
          s.final &&
          !s.image.digest &&
          !s.image.unresolved &&
          s.image.tag &&
          s.image.tag !== 'latest',
      )
      .map(stage => {
        // On an ended release, pin its replacement (never the ended tag).
        const pinned = onSupportedBase(stage, now).image.raw;
        return {
          instruction: stage.from,
          message: `the final stage builds on ${stage.image.resolved} by tag only`,
          summary:
            pinned === stage.image.raw
              ? 'Add the digest you tested with: image:tag@sha256:…'
              : `Pin the supported release by the digest you tested with: ${pinned}@sha256:…`,
          after: fromWithImage(stage, `${pinned}@sha256:<digest>`),
        };
      });
  },
};
