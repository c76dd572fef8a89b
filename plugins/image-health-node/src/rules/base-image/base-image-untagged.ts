import type { Rule } from '../types';
import { externalStages, fromWithImage } from './images';

/** Whether the FROM as written (before ARG substitution, as hadolint reads it) names a tag or digest. */
function writtenWithTagOrDigest(raw: string): boolean {
  return raw.includes('@') || raw.lastIndexOf(':') > raw.lastIndexOf('/');
}

/** FROM without a tag or digest pulls whatever `latest` is on the day of the build. */
export const rule: Rule = {
  id: 'base-image-untagged',
  title: 'Base image has no tag',
  category: 'base-image',
  severity: 'warning',
  // Not DS-0001: Trivy resolves ARGs in FROM and also flags :latest, where DL3006 skips `FROM $IMAGE`.
  equivalents: ['DL3006'],
  description:
    'A FROM without a tag or digest builds on whatever `latest` is that day: builds are not reproducible and a new major version can break them. Like hadolint, `scratch`, earlier stage names and images that start with a variable (`FROM $IMAGE`) are not checked; a tag written with a variable (`node:$VERSION`) counts as a tag.',
  docsUrl: 'https://github.com/hadolint/hadolint/wiki/DL3006',
  check({ model }) {
    return externalStages(model)
      .filter(
        s =>
          !s.image.raw.startsWith('$') && !writtenWithTagOrDigest(s.image.raw),
      )
      .map(stage => ({
        instruction: stage.from,
        message: `FROM ${stage.image.raw} has no tag: the build takes whatever "latest" is that day`,
        summary:
          'Name the version you tested with, e.g. a major.minor tag or a digest.',
        after: fromWithImage(stage, `${stage.image.raw}:<version>`),
      }));
  },
};
