import type { Rule } from '../types';
import { externalStages, fromWithImage } from './images';

export const rule: Rule = {
  id: 'base-image-not-pinned-by-digest',
  title: 'Final base image is not pinned by digest',
  category: 'base-image',
  severity: 'info',
  equivalents: [],
  description:
    'A tag can be re-pushed; a digest cannot. Pinning the final stage base by digest (with a bot such as Renovate to bump it) makes builds reproducible and auditable.',
  check({ model }) {
    return externalStages(model)
      .filter(
        s =>
          s.final &&
          !s.image.digest &&
          !s.image.unresolved &&
          s.image.tag &&
          s.image.tag !== 'latest',
      )
      .map(stage => ({
        instruction: stage.from,
        message: `the final stage builds on ${stage.image.resolved} by tag only`,
        summary: 'Add the digest you tested with: image:tag@sha256:…',
        after: fromWithImage(stage, `${stage.image.raw}@sha256:<digest>`),
      }));
  },
};
