import { formatBytes } from '@image-health/plugin-image-health-common';
import type { ImageRule } from './types';

const LARGE_FILE_BYTES = 50 * 1024 * 1024;

export const rule: ImageRule = {
  id: 'IMG013',
  title: 'Very large files',
  category: 'size',
  severity: 'info',
  equivalents: [],
  description:
    'The final filesystem holds files of 50 MB or more; check that each is needed at run time.',
  remediation:
    'Exclude data, archives and build outputs the service does not read; download large assets at run time if they change often.',
  check({ name, deep, instructionForLayer }) {
    if (!deep?.complete) return [];
    const large = deep.files.largestFiles.filter(
      f => f.bytes >= LARGE_FILE_BYTES,
    );
    if (large.length === 0) return [];
    return [
      {
        message: `${name} holds very large files: ${large
          .map(f => `${f.path} (${formatBytes(f.bytes)})`)
          .join(', ')}`,
        layer: large[0].layer,
        instruction: instructionForLayer(large[0].layer),
      },
    ];
  },
};
