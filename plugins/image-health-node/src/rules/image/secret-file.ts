import type { ImageRule } from './types';

/** One finding per file, up to this many: past it the image needs a review, not a list. */
const REPORTED = 20;

export const rule: ImageRule = {
  id: 'IMG005',
  title: 'Secret-looking file in the image',
  category: 'security',
  severity: 'error',
  equivalents: ['CIS-DI-0010'],
  description:
    'A file that usually holds credentials (.env, private keys, cloud or registry credentials) is in the image; anyone who can pull it can read it, even if a later layer deletes it.',
  remediation:
    'Keep the file out of the build context with .dockerignore, or mount it only while building with `RUN --mount=type=secret`.',
  check({ name, deep, instructionForLayer }) {
    if (!deep?.complete) return [];
    return deep.files.secretFiles.slice(0, REPORTED).map(file => ({
      message: `${name} contains ${file.path}, which looks like a secret`,
      layer: file.layer,
      instruction: instructionForLayer(file.layer),
    }));
  },
};
