import type { Rule } from '../types';
import { externalStages, fromWithImage } from './images';

export const rule: Rule = {
  id: 'base-image-latest',
  title: 'Base image uses the latest tag',
  category: 'base-image',
  severity: 'warning',
  // Not DS-0001: Trivy resolves ARGs in FROM and also flags untagged images; this is DL3007's check.
  equivalents: ['DL3007'],
  description:
    '`:latest` moves: the same Dockerfile builds a different image next week. Pin a version tag (a digest alongside it is accepted).',
  docsUrl: 'https://github.com/hadolint/hadolint/wiki/DL3007',
  check({ model }) {
    return (
      externalStages(model)
        // As written, like hadolint: `node:$TAG` is not judged by the ARG's value.
        .filter(s => !s.image.raw.includes('@') && /:latest$/.test(s.image.raw))
        .map(stage => ({
          instruction: stage.from,
          message: `FROM ${stage.image.raw} uses :latest, which changes under you`,
          summary: 'Replace :latest with the version you tested with.',
          after: fromWithImage(
            stage,
            stage.image.raw.replace(/:latest$/, ':<version>'),
          ),
        }))
    );
  },
};
