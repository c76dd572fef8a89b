import type { Rule } from '../types';
import { externalStages, fromWithImage } from './images';

/** FROM without a tag or digest pulls whatever `latest` is on the day of the build. */
export const rule: Rule = {
  id: 'base-image-untagged',
  title: 'Base image has no tag',
  category: 'base-image',
  severity: 'warning',
  equivalents: ['DL3006', 'DS-0001'],
  description:
    'A FROM without a tag or digest builds on whatever `latest` is that day: builds are not reproducible and a new major version can break them. Like hadolint, `scratch`, earlier stage names and images written with a variable are not checked.',
  docsUrl: 'https://github.com/hadolint/hadolint/wiki/DL3006',
  check({ model }) {
    return externalStages(model)
      .filter(
        s => !s.image.raw.includes('$') && !s.image.tag && !s.image.digest,
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
