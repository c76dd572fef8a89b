import { compareLargestFiles, compareReports } from './compare';
import type { Finding, ImageResult, Layer, Report } from './report';
import { computeScore } from './score';

const MB = 1024 * 1024;

function finding(ruleId: string, message: string, line?: number): Finding {
  return {
    ruleId,
    equivalents: [],
    category: 'size',
    severity: 'warning',
    message,
    line,
    remediation: { summary: 'fix it' },
  };
}

function layer(digest: string, mb: number, createdBy: string): Layer {
  return {
    digest,
    compressedBytes: mb * MB,
    createdBy,
    emptyLayer: false,
  };
}

function image(
  ref: string,
  layers: Layer[],
  extra: Partial<ImageResult> = {},
): ImageResult {
  return {
    ref,
    digest: `sha256:${ref.length}`,
    platform: 'linux/amd64',
    platforms: ['linux/amd64'],
    compressedBytes: layers.reduce((n, l) => n + l.compressedBytes, 0),
    layers,
    user: 'root',
    userIsRoot: true,
    rootKind: 'implicit',
    findings: [],
    ...extra,
  };
}

function report(images: ImageResult[], findings: Finding[] = []): Report {
  const dockerfiles = [
    {
      location: 'Dockerfile',
      stages: [],
      baseImages: [],
      findings,
      parseErrors: [],
    },
  ];
  return {
    entityRef: 'component:default/legacy-reporting',
    scannedAt: '2026-12-01T00:00:00.000Z',
    status: 'ok',
    score: computeScore({ dockerfiles, images }),
    dockerfiles,
    images,
  };
}

// The apt pair of the example catalog: the same debian base, then one layer per
// package with a cleanup that frees nothing, against one clean layer.
const base = layer('sha256:base', 48, 'debian:bookworm');
const pile = [
  base,
  layer('sha256:update', 20, 'RUN apt-get update'),
  layer('sha256:curl', 12, 'RUN apt-get install -y curl'),
  layer('sha256:clean', 0.1, 'RUN rm -rf /var/lib/apt/lists/*'),
];
const single = [base, layer('sha256:one', 9, 'RUN apt-get update && …')];

describe('compareReports', () => {
  const before = report(
    [image('localhost:5000/examples/apt-layer-pile:latest', pile)],
    [
      finding('consecutive-run', 'RUN apt-get install in its own layer', 3),
      finding('consecutive-run', 'RUN apt-get install in its own layer', 4),
      finding('apt-lists-not-removed', 'apt lists stay in the image', 2),
    ],
  );
  const after = report(
    [image('localhost:5000/examples/apt-single-layer:latest', single)],
    [finding('consecutive-run', 'RUN apt-get install in its own layer', 9)],
  );
  const comparison = compareReports(before, after);

  it('pairs two different images in order and counts their layers by digest', () => {
    const [images] = comparison.images;
    expect(images.layersUnchanged).toBe(1);
    expect(images.layersAdded).toBe(1);
    expect(images.layersRemoved).toBe(3);
    expect(images.layerCount).toEqual({ before: 4, after: 2, delta: -2 });
    expect(images.compressedBytes.delta).toBeCloseTo(-23.1 * MB);
    expect(images.layers.map(l => [l.change, l.createdBy])).toEqual([
      ['unchanged', 'debian:bookworm'],
      ['added', 'RUN apt-get update && …'],
      ['removed', 'RUN apt-get update'],
      ['removed', 'RUN apt-get install -y curl'],
      ['removed', 'RUN rm -rf /var/lib/apt/lists/*'],
    ]);
  });

  it('counts a finding fixed once per occurrence, whatever line it moved to', () => {
    expect(comparison.findingsFixed.map(f => [f.ruleId, f.line])).toEqual([
      ['consecutive-run', 4],
      ['apt-lists-not-removed', 2],
    ]);
    expect(comparison.findingsIntroduced).toEqual([]);
  });

  it('gives the score and grade on both sides', () => {
    expect(comparison.score.before).toBe(before.score.value);
    expect(comparison.score.after).toBe(after.score.value);
    expect(comparison.score.delta).toBe(
      after.score.value! - before.score.value!,
    );
    expect(comparison.score.gradeAfter).toBe(after.score.grade);
  });

  it('pairs images by reference between two scans of one entity', () => {
    const ref = 'localhost:5000/acme/api:1';
    const other = 'localhost:5000/acme/worker:1';
    const scan1 = report([image(other, [base]), image(ref, pile)]);
    const scan2 = report([image(ref, single)]);
    const [worker, api] = compareReports(scan1, scan2).images;
    expect(api.before?.ref).toBe(ref);
    expect(api.after?.ref).toBe(ref);
    expect(worker.before?.ref).toBe(other);
    expect(worker.after).toBeUndefined();
    expect(worker.compressedBytes.delta).toBeUndefined();
  });
});

describe('compareLargestFiles', () => {
  it('orders changes by bytes and says which entered or left the list', () => {
    expect(
      compareLargestFiles(
        [
          { path: 'usr/lib/libLLVM.so', bytes: 90 * MB },
          { path: 'app/node_modules/.cache/big', bytes: 40 * MB },
          { path: 'app/server', bytes: 10 * MB },
        ],
        [
          { path: 'usr/lib/libLLVM.so', bytes: 90 * MB },
          { path: 'app/server', bytes: 12 * MB },
          { path: 'app/static.tar', bytes: 5 * MB },
        ],
      ),
    ).toEqual([
      { path: 'app/node_modules/.cache/big', change: 'left', before: 40 * MB },
      { path: 'app/static.tar', change: 'entered', after: 5 * MB },
      { path: 'app/server', change: 'grown', before: 10 * MB, after: 12 * MB },
    ]);
  });
});
