import { availableParallelism } from 'node:os';
import type { Readable } from 'node:stream';
import {
  MessageChannel,
  type MessagePort,
  type Worker,
} from 'node:worker_threads';
import type { TreeSummary } from './analysis';
import { ImageBudget } from './budget';
import { LayerReadError, limitError } from './errors';
import { layerAnalysisLimits, type LayerAnalysisLimits } from './limits';
import {
  type FromReader,
  type FromTree,
  type LayerErrorData,
  type ToReader,
  type ToTree,
  type WorkerSetup,
} from './worker';
import { workerPool } from './workerPool';

/** Compressed bytes sent to a reader thread and not yet taken by it. */
const MAX_BYTES_IN_FLIGHT = 4 * 1024 * 1024;

export interface ImageLayersOptions {
  /** Each missing limit at its default (DEFAULT_LAYER_ANALYSIS_LIMITS). */
  limits?: Partial<LayerAnalysisLimits>;
  /** Layers read at once, each on its own thread. Default: the cores available, at most 4. */
  parallelLayers?: number;
}

export interface ImageLayersAnalysis {
  /** Uncompressed bytes of each layer read to the end, by layer index. */
  uncompressed: number[];
  /** Tar entries read from the image. */
  files: number;
  /** The merged tree's numbers and facts; absent when analysis stopped. */
  tree?: TreeSummary;
  /**
   * The first layer (lowest index) that stopped the analysis: a
   * LayerReadError (isLimitError tells a limit from a broken layer), or
   * whatever openBlob threw.
   */
  failure?: { layer: number; error: unknown };
}

/** The layer of the image: what openBlob is asked for. */
export interface LayerToRead {
  digest: string;
}

/**
 * Reads every layer of an image into the merged file tree on worker threads
 * and returns the tree's summary and facts. The main thread only moves
 * compressed bytes from openBlob to the threads (with back-pressure), so a
 * scan of a large image never holds the event loop; layers are read in
 * parallel and folded in order. Every limit (layers, bytes per layer and per
 * image, entries, path length and depth, heap) ends the analysis with a
 * LayerReadError that names its config key; the process itself is never at
 * risk, as each thread's heap is capped at limits.maxMemoryBytes.
 */
export async function analyzeImageLayers<Layer extends LayerToRead>(
  layers: Layer[],
  openBlob: (layer: Layer) => Promise<Readable>,
  options: ImageLayersOptions = {},
): Promise<ImageLayersAnalysis> {
  const limits = layerAnalysisLimits(options.limits);
  const uncompressed: number[] = [];
  if (layers.length > limits.maxLayers)
    return { uncompressed, files: 0, failure: tooManyLayers(layers, limits) };
  const budget = new ImageBudget();
  const heapMb = Math.max(64, Math.floor(limits.maxMemoryBytes / 1024 ** 2));
  const workers: Worker[] = [];
  const lend = (role: WorkerSetup['role']) => {
    const worker = workerPool.lend(
      { role, limits, budget: budget.buffer },
      heapMb,
    );
    workers.push(worker);
    return worker;
  };
  const threads = readerThreadCount(options.parallelLayers, layers.length);
  const open = new Set<Readable>();
  let failure: ImageLayersAnalysis['failure'];
  let clean = false;
  const fail = (layer: number, error: unknown) => {
    if (!failure || layer < failure.layer) failure = { layer, error };
    for (const stream of open) stream.destroy();
  };

  try {
    const tree = lend('tree');
    const summary = treeThreadSummary(tree, limits, fail);

    let next = 0;
    const readLayers = async () => {
      const reader = lend('reader');
      const events = readerEvents(reader, limits);
      while (!failure && next < layers.length) {
        const index = next++;
        const ports = new MessageChannel();
        tree.postMessage(
          { type: 'port', index, port: ports.port2 } satisfies ToTree,
          [ports.port2],
        );
        const outcome = await readOneLayer(
          reader,
          events,
          index,
          layers[index],
          ports.port1,
          openBlob,
          open,
        );
        if ('error' in outcome) fail(index, outcome.error);
        else uncompressed[index] = outcome.uncompressedBytes;
      }
    };
    await Promise.all(Array.from({ length: threads }, readLayers));
    if (!failure)
      tree.postMessage({
        type: 'finish',
        layers: layers.length,
      } satisfies ToTree);
    const treeSummary = failure ? undefined : await summary;
    if (failure) return { uncompressed, files: budget.entries, failure };
    clean = true;
    return { uncompressed, files: budget.entries, tree: treeSummary };
  } finally {
    for (const stream of open) stream.destroy();
    // threads of a failed image are ended, not reused
    if (clean)
      for (const worker of workers) workerPool.giveBack(worker, heapMb);
    else await Promise.all(workers.map(worker => worker.terminate()));
  }
}

/** parallelLayers (default: the cores available, at most 4), never more than the layers. */
function readerThreadCount(
  parallelLayers: number | undefined,
  layerCount: number,
): number {
  return Math.max(
    1,
    Math.min(parallelLayers ?? Math.min(availableParallelism(), 4), layerCount),
  );
}

function tooManyLayers(
  layers: LayerToRead[],
  limits: LayerAnalysisLimits,
): NonNullable<ImageLayersAnalysis['failure']> {
  return {
    layer: limits.maxLayers,
    error: limitError(
      'too-many-layers',
      'maxLayers',
      `the image has ${layers.length} layers, more than ${limits.maxLayers}`,
    ),
  };
}

/**
 * The tree thread's summary once every layer is folded; undefined when it
 * failed (reported through fail, at the layer it stopped on).
 */
function treeThreadSummary(
  tree: Worker,
  limits: LayerAnalysisLimits,
  fail: (layer: number, error: unknown) => void,
): Promise<TreeSummary | undefined> {
  let folded = 0;
  return new Promise<TreeSummary | undefined>(resolve => {
    tree.on('message', (message: FromTree) => {
      if (message.type === 'folded') folded = message.layers;
      else if (message.type === 'summary') resolve(message.summary);
      else {
        fail(message.index, layerError(message.error));
        resolve(undefined);
      }
    });
    tree.on('error', error => {
      fail(folded, workerError(error, limits));
      resolve(undefined);
    });
  });
}

type ReaderEvent = FromReader | { type: 'crashed'; error: unknown };

type LayerOutcome = { uncompressedBytes: number } | { error: unknown };

/** A reader thread's messages as one queue that readOneLayer waits on. */
function readerEvents(reader: Worker, limits: LayerAnalysisLimits) {
  const listeners = new Set<(event: ReaderEvent) => void>();
  const emit = (event: ReaderEvent) => {
    for (const listener of listeners) listener(event);
  };
  reader.on('message', (message: FromReader) => emit(message));
  reader.on('error', error =>
    emit({ type: 'crashed', error: workerError(error, limits) }),
  );
  return listeners;
}

/** Streams one blob to the reader thread; resolves when the thread has read it. */
async function readOneLayer<Layer extends LayerToRead>(
  reader: Worker,
  listeners: Set<(event: ReaderEvent) => void>,
  index: number,
  layer: Layer,
  treePort: MessagePort,
  openBlob: (layer: Layer) => Promise<Readable>,
  open: Set<Readable>,
): Promise<LayerOutcome> {
  const progress = layerProgress(listeners);
  const { outcome } = progress;
  let blob: Readable | undefined;
  try {
    reader.postMessage(
      {
        type: 'layer',
        index,
        digest: layer.digest,
        tree: treePort,
      } satisfies ToReader,
      [treePort],
    );
    try {
      blob = await openBlob(layer);
    } catch (error) {
      // the reader thread still waits for bytes: give it an empty, failing layer
      reader.postMessage({ type: 'end' } satisfies ToReader);
      await outcome;
      return { error };
    }
    open.add(blob);
    try {
      for await (const chunk of blob as AsyncIterable<Buffer>) {
        if (progress.settled) break;
        // a copy of exactly this chunk, moved (not cloned) to the thread
        const bytes = new Uint8Array(chunk);
        progress.sent(bytes.byteLength);
        reader.postMessage({ type: 'chunk', bytes } satisfies ToReader, [
          bytes.buffer,
        ]);
        if (progress.full()) await progress.drained();
      }
    } catch (error) {
      // the download broke: the reader thread reads what came as a truncated layer
      if (!progress.settled)
        reader.postMessage({ type: 'end' } satisfies ToReader);
      await outcome;
      return { error };
    }
    if (!progress.settled)
      reader.postMessage({ type: 'end' } satisfies ToReader);
    return await outcome;
  } finally {
    progress.stop();
    if (blob) {
      open.delete(blob);
      // stopped early (the layer failed): release the download
      blob.destroy();
    }
  }
}

/**
 * The reader thread's answers about one layer: its outcome, and the bytes it
 * has not taken yet (over MAX_BYTES_IN_FLIGHT, sending waits until half are).
 */
function layerProgress(listeners: Set<(event: ReaderEvent) => void>) {
  let inFlight = 0;
  let resume: (() => void) | undefined;
  let settle!: (outcome: LayerOutcome) => void;
  const outcome = new Promise<LayerOutcome>(resolve => {
    settle = resolve;
  });
  const listener = (event: ReaderEvent) => {
    if (event.type === 'consumed') {
      inFlight -= event.bytes;
      if (inFlight <= MAX_BYTES_IN_FLIGHT / 2) resume?.();
    } else if (event.type === 'read') {
      settle({ uncompressedBytes: event.uncompressedBytes });
    } else if (event.type === 'failed') {
      settle({ error: layerError(event.error) });
    } else {
      settle({ error: event.error });
    }
    if (event.type !== 'consumed') resume?.();
  };
  listeners.add(listener);
  let settled = false;
  outcome.then(() => {
    settled = true;
  });
  return {
    outcome,
    get settled() {
      return settled;
    },
    sent(bytes: number) {
      inFlight += bytes;
    },
    /** Sending should wait: too many bytes in flight, and the layer not settled. */
    full() {
      return inFlight > MAX_BYTES_IN_FLIGHT && !settled;
    },
    /** Resolves when the thread has taken half the bytes, or the layer settled. */
    async drained() {
      await new Promise<void>(resolve => {
        resume = resolve;
      });
      resume = undefined;
    },
    stop() {
      listeners.delete(listener);
    },
  };
}

function layerError(data: LayerErrorData): LayerReadError {
  return new LayerReadError(data.reason, data.message, data.limit);
}

/** A thread that died: out of heap is the memory limit, anything else a bug to surface. */
function workerError(error: unknown, limits: LayerAnalysisLimits): unknown {
  if ((error as NodeJS.ErrnoException)?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return limitError(
      'out-of-memory',
      'maxMemoryBytes',
      `the analysis needed more than ${limits.maxMemoryBytes} bytes of memory`,
    );
  }
  return error;
}
