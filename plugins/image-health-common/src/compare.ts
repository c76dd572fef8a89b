import type { Finding, Grade, ImageResult, Layer, Report } from './report';

/** A number before and after, and the change (after − before); undefined where either is unknown. */
export interface Delta {
  before?: number;
  after?: number;
  delta?: number;
}

function delta(before?: number, after?: number): Delta {
  return {
    before,
    after,
    delta:
      before === undefined || after === undefined ? undefined : after - before,
  };
}

/** One layer of either image: unchanged (same digest in both), added (only after) or removed (only before). */
export interface LayerChange {
  change: 'unchanged' | 'added' | 'removed';
  digest: string;
  createdBy: string;
  compressedBytes: number;
  uncompressedBytes?: number;
  emptyLayer: boolean;
}

/**
 * A change among the largest files of the final filesystem (deep analysis lists
 * the largest files, not all): a file in both lists grew or shrank; one only in
 * the after list `entered` it (new, or grown past the others), one only in the
 * before list `left` it (deleted, or shrunk below them).
 */
export interface FileChange {
  path: string;
  change: 'grown' | 'shrunk' | 'entered' | 'left';
  before?: number;
  after?: number;
}

export interface ImageComparison {
  before?: { ref: string; digest: string };
  after?: { ref: string; digest: string };
  compressedBytes: Delta;
  uncompressedBytes: Delta;
  layerCount: Delta;
  /** In the order of the after image, then the removed layers in the order of the before image. */
  layers: LayerChange[];
  layersAdded: number;
  layersRemoved: number;
  layersUnchanged: number;
  wastedBytes: Delta;
  userIsRoot: { before?: boolean; after?: boolean };
  baseImage: { before?: string; after?: string };
  /** When both images were deep-analysed: changes among their largest files, biggest change first. */
  largestFiles?: FileChange[];
}

/** A finding that one side has and the other does not. */
export interface FindingChange {
  ruleId: string;
  severity: Finding['severity'];
  message: string;
  file?: string;
  line?: number;
}

export interface ReportComparison {
  before: { entityRef: string; scannedAt: string };
  after: { entityRef: string; scannedAt: string };
  score: Delta & { gradeBefore: Grade; gradeAfter: Grade };
  images: ImageComparison[];
  /** In the before report, gone from the after report. */
  findingsFixed: FindingChange[];
  /** In the after report, not in the before report. */
  findingsIntroduced: FindingChange[];
}

function layerChange(layer: Layer, change: LayerChange['change']): LayerChange {
  return {
    change,
    digest: layer.digest,
    createdBy: layer.createdBy,
    compressedBytes: layer.compressedBytes,
    uncompressedBytes: layer.uncompressedBytes,
    emptyLayer: layer.emptyLayer,
  };
}

/** Layers by digest: a layer is unchanged when the other image has the same blob. */
export function compareLayers(before: Layer[], after: Layer[]): LayerChange[] {
  const inBefore = new Set(before.map(l => l.digest));
  const inAfter = new Set(after.map(l => l.digest));
  return [
    ...after.map(l =>
      layerChange(l, inBefore.has(l.digest) ? 'unchanged' : 'added'),
    ),
    ...before
      .filter(l => !inAfter.has(l.digest))
      .map(l => layerChange(l, 'removed')),
  ];
}

/** Changes among two images' largest-files lists, biggest change in bytes first. */
export function compareLargestFiles(
  before: Array<{ path: string; bytes: number }>,
  after: Array<{ path: string; bytes: number }>,
): FileChange[] {
  const was = new Map(before.map(f => [f.path, f.bytes]));
  const is = new Map(after.map(f => [f.path, f.bytes]));
  const changes: FileChange[] = [];
  for (const [path, bytes] of is) {
    const old = was.get(path);
    if (old === undefined)
      changes.push({ path, change: 'entered', after: bytes });
    else if (old !== bytes)
      changes.push({
        path,
        change: bytes > old ? 'grown' : 'shrunk',
        before: old,
        after: bytes,
      });
  }
  for (const [path, bytes] of was)
    if (!is.has(path)) changes.push({ path, change: 'left', before: bytes });
  const size = (c: FileChange) => Math.abs((c.after ?? 0) - (c.before ?? 0));
  return changes.sort((a, b) => size(b) - size(a));
}

/** Two images' sizes, layers, user and base, either side possibly absent. */
export function compareImages(
  before: ImageResult | undefined,
  after: ImageResult | undefined,
): ImageComparison {
  // Empty layers (ENV, LABEL) have no blob: they count in the history, not as layers.
  const blobs = (image?: ImageResult) =>
    (image?.layers ?? []).filter(l => !l.emptyLayer);
  const layers = compareLayers(blobs(before), blobs(after));
  const count = (change: LayerChange['change']) =>
    layers.filter(l => l.change === change).length;
  return {
    before: before && { ref: before.ref, digest: before.digest },
    after: after && { ref: after.ref, digest: after.digest },
    compressedBytes: delta(before?.compressedBytes, after?.compressedBytes),
    uncompressedBytes: delta(
      before?.uncompressedBytes,
      after?.uncompressedBytes,
    ),
    layerCount: delta(
      before && blobs(before).length,
      after && blobs(after).length,
    ),
    layers,
    layersAdded: count('added'),
    layersRemoved: count('removed'),
    layersUnchanged: count('unchanged'),
    wastedBytes: delta(before?.wastedBytes, after?.wastedBytes),
    userIsRoot: { before: before?.userIsRoot, after: after?.userIsRoot },
    baseImage: { before: before?.baseImage, after: after?.baseImage },
    ...(before?.largestFiles && after?.largestFiles
      ? {
          largestFiles: compareLargestFiles(
            before.largestFiles,
            after.largestFiles,
          ),
        }
      : {}),
  };
}

/**
 * What identifies "the same finding" on both sides: the rule and its message.
 * Not the line: adding a line above moves every finding without changing it.
 */
function findingKey(finding: Finding): string {
  return `${finding.ruleId}\u0000${finding.message}`;
}

function findingsOf(report: Report): Finding[] {
  return [
    ...report.dockerfiles.flatMap(d => d.findings),
    ...report.images.flatMap(i => i.findings),
  ];
}

/** Findings of `from` with no counterpart in `other`, counted as a multiset. */
function findingsMissingFrom(
  from: Finding[],
  other: Finding[],
): FindingChange[] {
  const remaining = new Map<string, number>();
  for (const f of other)
    remaining.set(findingKey(f), (remaining.get(findingKey(f)) ?? 0) + 1);
  const out: FindingChange[] = [];
  for (const f of from) {
    const left = remaining.get(findingKey(f)) ?? 0;
    if (left > 0) remaining.set(findingKey(f), left - 1);
    else
      out.push({
        ruleId: f.ruleId,
        severity: f.severity,
        message: f.message,
        file: f.file,
        line: f.line,
      });
  }
  return out;
}

/**
 * Two reports side by side: score and grade, each image's size and layers,
 * and the findings fixed and introduced. Images are paired by reference where
 * both reports name the same one (two scans of one entity), else in order (two
 * different images compared).
 */
export function compareReports(
  before: Report,
  after: Report,
): ReportComparison {
  const pairs: Array<[ImageResult | undefined, ImageResult | undefined]> = [];
  const sameRefs =
    before.images.length > 0 &&
    before.images.some(b => after.images.some(a => a.ref === b.ref));
  if (sameRefs) {
    for (const b of before.images)
      pairs.push([b, after.images.find(a => a.ref === b.ref)]);
    for (const a of after.images)
      if (!before.images.some(b => b.ref === a.ref)) pairs.push([undefined, a]);
  } else {
    const n = Math.max(before.images.length, after.images.length);
    for (let i = 0; i < n; i++) pairs.push([before.images[i], after.images[i]]);
  }
  return {
    before: { entityRef: before.entityRef, scannedAt: before.scannedAt },
    after: { entityRef: after.entityRef, scannedAt: after.scannedAt },
    score: {
      ...delta(before.score.value ?? undefined, after.score.value ?? undefined),
      gradeBefore: before.score.grade,
      gradeAfter: after.score.grade,
    },
    images: pairs.map(([b, a]) => compareImages(b, a)),
    findingsFixed: findingsMissingFrom(findingsOf(before), findingsOf(after)),
    findingsIntroduced: findingsMissingFrom(
      findingsOf(after),
      findingsOf(before),
    ),
  };
}
