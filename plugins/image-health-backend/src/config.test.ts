import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import { DEFAULT_LAYER_ANALYSIS_LIMITS } from '@image-health/plugin-image-health-node';
import { readImageHealthConfig } from './config';

const read = (deepAnalysis: JsonObject) =>
  readImageHealthConfig(new ConfigReader({ imageHealth: { deepAnalysis } }))
    .deepAnalysis;

describe('imageHealth.deepAnalysis', () => {
  it('applies the engine defaults for every limit left out', () => {
    expect(read({})).toEqual({
      enabled: true,
      ...DEFAULT_LAYER_ANALYSIS_LIMITS,
      parallelLayers: undefined,
    });
    expect(DEFAULT_LAYER_ANALYSIS_LIMITS).toMatchObject({
      maxLayers: 128,
      maxLayerBytes: 2 * 1024 ** 3,
      maxEntries: 500_000,
      maxPathBytes: 4096,
    });
  });

  it('reads sizes as sizes and counts as whole numbers', () => {
    expect(
      read({
        enabled: false,
        maxLayers: 20,
        maxLayerBytes: '512MB',
        maxImageBytes: '1GB',
        maxEntries: 1000,
        maxPathBytes: 1024,
        maxPathDepth: 32,
        maxMemoryBytes: '256MB',
        parallelLayers: 2,
      }),
    ).toEqual({
      enabled: false,
      maxLayers: 20,
      maxLayerBytes: 512 * 1024 ** 2,
      maxImageBytes: 1024 ** 3,
      maxEntries: 1000,
      maxPathBytes: 1024,
      maxPathDepth: 32,
      maxMemoryBytes: 256 * 1024 ** 2,
      parallelLayers: 2,
    });
  });

  it('refuses a limit that is not a whole number of at least 1, naming the key', () => {
    expect(() => read({ maxPathDepth: 0 })).toThrow(
      'imageHealth.deepAnalysis.maxPathDepth must be a whole number of at least 1, got 0',
    );
    expect(() => read({ parallelLayers: 1.5 })).toThrow(
      /imageHealth\.deepAnalysis\.parallelLayers must be a whole number/,
    );
    expect(() => read({ maxLayerBytes: 'lots' })).toThrow(
      /imageHealth\.deepAnalysis\.maxLayerBytes/,
    );
  });
});
