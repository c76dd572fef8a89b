import type { ImageRule } from './types';

export const rule: ImageRule = {
  id: 'IMG012',
  title: 'Base image has a newer build',
  category: 'base-image',
  severity: 'warning',
  equivalents: [],
  description:
    "The base image's tag now points to a digest the image was not built on, so fixes published since are missing.",
  remediation:
    'Rebuild the image (with --pull) so it picks up the current base; pin the base by digest and let a bot bump it.',
  check({ name, baseImage, baseImageOutdated }) {
    if (!baseImageOutdated) return [];
    return [
      {
        message: `${baseImage} now points to a newer build than the one ${name} was built on`,
      },
    ];
  },
};
