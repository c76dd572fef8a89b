import {
  computeScore,
  ImageResult,
  Report,
} from '@image-health/plugin-image-health-common';
import { REGRESSION_EVENTS } from './config';
import { findRegressions } from './regressions';

const MB = 1024 * 1024;
const settings = { events: new Set(REGRESSION_EVENTS), minGradeDrop: 1 };

/** A report of one non-root Go image of `compressedBytes` (Go budget: 20 MB). */
function goImageReport(compressedBytes: number): Report {
  const image: ImageResult = {
    ref: 'registry.example/payments:1.0',
    digest: 'sha256:0',
    platform: 'linux/amd64',
    platforms: ['linux/amd64'],
    compressedBytes,
    layers: [],
    user: 'app',
    userIsRoot: false,
    rootKind: 'none',
    baseImage: 'golang:1.22',
    findings: [],
  };
  return {
    entityRef: 'component:default/payments',
    scannedAt: new Date().toISOString(),
    status: 'ok',
    score: computeScore({ dockerfiles: [], images: [image] }),
    dockerfiles: [],
    images: [image],
  };
}

describe('findRegressions: the size budget', () => {
  it('reports an image that grew past its budget, with both sizes and the budget', () => {
    const regressions = findRegressions(
      goImageReport(18 * MB),
      goImageReport(26 * MB),
      settings,
    );
    expect(regressions).toContainEqual({
      event: 'over-budget',
      summary: 'Image size 18.0 MB → 26.0 MB, over its 20.0 MB budget.',
    });
  });

  it('says nothing of an image that was already over budget, or shrank', () => {
    const over = findRegressions(
      goImageReport(26 * MB),
      goImageReport(30 * MB),
      settings,
    );
    expect(over.map(r => r.event)).not.toContain('over-budget');
    expect(
      findRegressions(goImageReport(26 * MB), goImageReport(10 * MB), settings),
    ).toEqual([]);
  });

  it('says nothing on the first report', () => {
    expect(
      findRegressions(undefined, goImageReport(26 * MB), settings),
    ).toEqual([]);
  });
});
