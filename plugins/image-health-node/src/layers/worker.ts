/**
 * The code that runs inside deep-analysis worker threads, so that
 * decompression, hashing, tar parsing and tree merging never hold the
 * backend's event loop. Two roles:
 *
 * - a layer reader takes a layer's compressed bytes from the main thread
 *   (which owns the registry connection), reads it with readLayer and hands
 *   the entries straight to the tree worker over a MessagePort;
 * - the tree worker folds the layers in order into the merged file tree and
 *   answers with the summary and facts the findings need (never the tree).
 *
 * A thread is started once by workerPool.ts (its workerData carries
 * WORKER_MARK; imported anywhere else this module does nothing) and serves
 * many images: each image is a job, begun by a `job` message that names the
 * role and carries that image's limits and budget, ended by `idle`, which
 * drops the job's state.
 */
import { Readable } from 'node:stream';
import {
  isMainThread,
  parentPort,
  workerData,
  type MessagePort,
} from 'node:worker_threads';
import { summarizeTree, type TreeSummary } from './analysis';
import { ImageBudget } from './budget';
import {
  captureContent,
  ImageCaptures,
  wantsContent,
  type LayerCaptures,
} from './captures';
import { LayerReadError } from './errors';
import { ImageFileTree } from './filetree';
import type { LayerAnalysisLimits } from './limits';
import { readLayer } from './reader';
import type { TarEntry } from './tar';

export const WORKER_MARK = 'imageHealthLayerWorker';

/** One image's work for a thread. */
export interface WorkerSetup {
  role: 'reader' | 'tree';
  limits: LayerAnalysisLimits;
  /** ImageBudget's shared memory: entries and bytes of the whole image. */
  budget: SharedArrayBuffer;
}

/** A LayerReadError as it crosses a thread (classes do not survive structured clone). */
export interface LayerErrorData {
  reason: LayerReadError['reason'];
  message: string;
  limit?: LayerReadError['limit'];
}

/** What the pool tells a thread between images. */
export type ToWorker = { type: 'job'; setup: WorkerSetup } | { type: 'idle' };

export type ToReader =
  | { type: 'layer'; index: number; digest?: string; tree: MessagePort }
  | { type: 'chunk'; bytes: Uint8Array }
  | { type: 'end' };

export type FromReader =
  | { type: 'consumed'; bytes: number }
  | { type: 'read'; index: number; uncompressedBytes: number }
  | { type: 'failed'; index: number; error: LayerErrorData };

export type ToTree =
  | { type: 'port'; index: number; port: MessagePort }
  | { type: 'finish'; layers: number };

export type FromTree =
  | { type: 'folded'; layers: number }
  | { type: 'summary'; summary: TreeSummary }
  | { type: 'failed'; index: number; error: LayerErrorData };

/** What the reader hands the tree worker for one layer. */
interface LayerEntries {
  index: number;
  entries: TarEntry[];
  /** What the content captures kept of this layer's files. */
  captures: LayerCaptures;
}

export function errorData(error: unknown): LayerErrorData {
  if (error instanceof LayerReadError)
    return { reason: error.reason, message: error.message, limit: error.limit };
  return {
    reason: 'corrupt',
    message: `the layer could not be analysed (${
      (error as Error)?.message ?? String(error)
    })`,
  };
}

type JobMessage = ToReader | ToTree;

/** Reads one layer at a time, as the main thread sends it. */
function runReader(
  port: MessagePort,
  setup: WorkerSetup,
): (message: JobMessage) => void {
  const budget = new ImageBudget(setup.budget);
  let blob: Readable | undefined;
  let queue: Uint8Array[] = [];
  let ended = false;

  const pump = () => {
    // Hand readLayer one chunk per read() so the main thread's credit tracks what was used.
    const next = queue.shift();
    if (next) {
      blob!.push(Buffer.from(next.buffer, next.byteOffset, next.byteLength));
      port.postMessage({
        type: 'consumed',
        bytes: next.byteLength,
      } satisfies FromReader);
    } else if (ended) {
      blob!.push(null);
    }
  };
  let waiting = false;

  return message => {
    if (message.type === 'layer') {
      queue = [];
      ended = false;
      waiting = false;
      blob = new Readable({
        highWaterMark: 1024 * 1024,
        read() {
          if (queue.length || ended) pump();
          else waiting = true;
        },
      });
      const entries: TarEntry[] = [];
      const captures: LayerCaptures = {};
      const { index, tree } = message;
      readLayer(blob, {
        expectedDigest: message.digest,
        limits: setup.limits,
        imageBudget: budget,
        onEntry: entry => entries.push(entry),
        wantContent: wantsContent,
        onContent: (entry, content) => captureContent(captures, entry, content),
      }).then(
        read => {
          tree.postMessage({
            index,
            entries,
            captures,
          } satisfies LayerEntries);
          tree.close();
          port.postMessage({
            type: 'read',
            index,
            uncompressedBytes: read.uncompressedBytes,
          } satisfies FromReader);
        },
        error => {
          tree.close();
          port.postMessage({
            type: 'failed',
            index,
            error: errorData(error),
          } satisfies FromReader);
        },
      );
      return;
    }
    if (message.type === 'chunk') queue.push(message.bytes);
    else if (message.type === 'end') ended = true;
    else return;
    if (waiting) {
      waiting = false;
      pump();
    }
  };
}

/** Folds the layers in order as their entries arrive, then summarises. */
function runTree(
  port: MessagePort,
  setup: WorkerSetup,
): (message: JobMessage) => void {
  const tree = new ImageFileTree(setup.limits);
  const pending = new Map<number, LayerEntries>();
  const captures = new ImageCaptures();
  let folded = 0;
  let expected: number | undefined;
  let failed = false;

  const advance = () => {
    if (failed) return;
    try {
      while (pending.has(folded)) {
        const layer = pending.get(folded)!;
        pending.delete(folded);
        tree.addLayer(layer.entries);
        captures.add(folded, layer.captures);
        folded++;
        port.postMessage({
          type: 'folded',
          layers: folded,
        } satisfies FromTree);
      }
      if (expected !== undefined && folded === expected) {
        port.postMessage({
          type: 'summary',
          summary: summarizeTree(tree, captures.treeOptions()),
        } satisfies FromTree);
      }
    } catch (error) {
      failed = true;
      port.postMessage({
        type: 'failed',
        index: folded,
        error: errorData(error),
      } satisfies FromTree);
    }
  };

  return message => {
    if (message.type === 'port') {
      message.port.once('message', (layer: LayerEntries) => {
        pending.set(layer.index, layer);
        advance();
      });
    } else if (message.type === 'finish') {
      expected = message.layers;
      advance();
    }
  };
}

if (!isMainThread && parentPort && workerData?.[WORKER_MARK]) {
  const port = parentPort;
  let job: ((message: JobMessage) => void) | undefined;
  port.on('message', (message: ToWorker | JobMessage) => {
    if (message.type === 'job')
      job = (message.setup.role === 'reader' ? runReader : runTree)(
        port,
        message.setup,
      );
    else if (message.type === 'idle') job = undefined;
    else job?.(message);
  });
}
