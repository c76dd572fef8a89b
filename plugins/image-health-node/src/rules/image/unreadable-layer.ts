import type { ImageRule } from './types';

export const rule: ImageRule = {
  id: 'IMG011',
  title: 'Layer cannot be read',
  category: 'correctness',
  severity: 'error',
  equivalents: [],
  description:
    'A layer blob is truncated, corrupt or does not match its digest, so the image cannot be pulled reliably.',
  remediation:
    "Push the image again; if it persists, check the registry's storage.",
  check({ name, deep, layerDigests }) {
    if (!deep || deep.complete || deep.failure.capped) return [];
    const { layer, message } = deep.failure;
    return [
      {
        message: `layer ${layer + 1} (${
          layerDigests[layer]
        }) of ${name}: ${message}`,
        layer,
      },
    ];
  },
};
