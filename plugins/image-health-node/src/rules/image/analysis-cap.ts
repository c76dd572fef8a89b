import type { ImageRule } from './types';

export const rule: ImageRule = {
  id: 'IMG010',
  title: 'Layer too large or too many files to analyse',
  category: 'correctness',
  severity: 'error',
  equivalents: [],
  description:
    'Deep analysis stopped at a configured limit (imageHealth.deepAnalysis.maxLayers, maxLayerBytes, maxImageBytes, maxEntries, maxPathBytes, maxPathDepth, maxMemoryBytes; the finding names which): the layer goes beyond it, as a decompression bomb or a hostile tar would.',
  remediation:
    'Check the layer (it may be a decompression bomb or a hostile tar); raise the limit only for images you trust.',
  check({ name, deep, layerDigests }) {
    if (!deep || deep.complete || !deep.failure.capped) return [];
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
