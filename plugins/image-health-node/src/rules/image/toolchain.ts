import { formatBytes } from '@image-health/plugin-image-health-common';
import type { ImageRule } from './types';

export const rule: ImageRule = {
  id: 'IMG007',
  title: 'Compiler toolchain in the final image',
  category: 'size',
  severity: 'warning',
  equivalents: [],
  description:
    'The final image carries a compiler or SDK; the built artefact is all the service needs at run time.',
  remediation:
    'Build in a builder stage and COPY --from it only the artefact into a small runtime base (multi-stage build).',
  check({ name, deep, instructionForLayer }) {
    if (!deep?.complete) return [];
    return deep.files.toolchains.map(toolchain => ({
      message: `${name} ships the ${toolchain.name} toolchain: ${formatBytes(
        toolchain.bytes,
      )} in ${toolchain.paths.join(', ')}`,
      layer: toolchain.layer,
      instruction: instructionForLayer(toolchain.layer),
    }));
  },
};
