import type { Rule } from '../types';
import { externalStages, fromWithImage } from './images';

export const rule: Rule = {
  id: 'base-image-latest',
  title: 'Base image uses the latest tag',
  category: 'base-image',
  severity: 'warning',
  equivalents: ['DL3007', 'DS-0001'],
  description:
    '`:latest` moves: the same Dockerfile builds a different image next week. Pin a version tag (a digest alongside it is accepted).',
  docsUrl: 'https://github.com/hadolint/hadolint/wiki/DL3007',
  check({ model }) {
    return externalStages(model)
      .filter(s => s.image.tag === 'latest' && !s.image.digest)
      .map(stage => ({
        instruction: stage.from,
        message: `FROM ${stage.image.raw} uses :latest, which changes under you`,
        summary: 'Replace :latest with the version you tested with.',
        after: fromWithImage(
          stage,
          stage.image.raw.replace(/:latest$/, ':<version>'),
        ),
      }));
  },
};
