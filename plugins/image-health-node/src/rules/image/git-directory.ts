import { formatBytes } from '@image-health/plugin-image-health-common';
import type { ImageRule } from './types';

export const rule: ImageRule = {
  id: 'IMG009',
  title: '.git directory in the image',
  category: 'security',
  severity: 'warning',
  equivalents: ['DKL-LI-0003'],
  description:
    "A .git directory ships the repository's history (and sometimes credentials) and grows the image.",
  remediation:
    'Add .git to .dockerignore, or COPY only the paths the image needs.',
  check({ name, deep, instructionForLayer }) {
    if (!deep?.complete) return [];
    return deep.files.gitDirectories.map(git => ({
      message: `${name} contains a .git directory: ${git.path} (${formatBytes(
        git.bytes,
      )})`,
      layer: git.layer,
      instruction: instructionForLayer(git.layer),
    }));
  },
};
