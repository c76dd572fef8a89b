import { basename, dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { WORKER_MARK, type ToWorker, type WorkerSetup } from './worker';

/** An idle thread is ended after this long without an image to read. */
const IDLE_MS = 10_000;
/** Idle threads kept per heap size; more are ended at once. */
const MAX_IDLE = 8;

/**
 * The deep-analysis threads, kept between images: starting a thread (and,
 * running from sources, compiling the modules it loads) costs more than a
 * small image's analysis. A thread is lent for one image's job and given
 * back only when that job ended cleanly; a thread whose job failed is ended,
 * so no state of a broken image outlives it. Idle threads never keep the
 * process alive (unref'd) and are ended after IDLE_MS.
 */
class WorkerPool {
  /** Idle threads by their heap cap in MB (a thread's heap is fixed when it starts). */
  private readonly idle = new Map<number, Worker[]>();
  private timer: NodeJS.Timeout | undefined;

  /** A thread running `setup`'s job, its heap capped at `heapMb`. */
  lend(setup: WorkerSetup, heapMb: number): Worker {
    const worker = this.idle.get(heapMb)?.pop() ?? startWorker(heapMb);
    worker.ref();
    worker.postMessage({ type: 'job', setup } satisfies ToWorker);
    return worker;
  }

  /** Takes back a thread whose job ended cleanly; its job's listeners are dropped. */
  giveBack(worker: Worker, heapMb: number): void {
    worker.removeAllListeners('message');
    worker.removeAllListeners('error');
    // an idle thread that dies is dropped by its 'exit' listener
    worker.on('error', () => {});
    const idle = this.idle.get(heapMb) ?? [];
    if (idle.length >= MAX_IDLE) {
      void worker.terminate();
      return;
    }
    worker.postMessage({ type: 'idle' } satisfies ToWorker);
    worker.unref();
    idle.push(worker);
    this.idle.set(heapMb, idle);
    this.endIdleLater();
  }

  private endIdleLater(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const idle = [...this.idle.values()].flat();
      this.idle.clear();
      for (const worker of idle) void worker.terminate();
    }, IDLE_MS);
    this.timer.unref();
  }

  forget(worker: Worker): void {
    for (const idle of this.idle.values()) {
      const at = idle.indexOf(worker);
      if (at >= 0) idle.splice(at, 1);
    }
  }
}

export const workerPool = new WorkerPool();

/**
 * Where the worker module is: beside this file when running from sources
 * (`.ts`, loaded through Backstage's transform) or from a build that keeps
 * modules apart (`worker.cjs.js`), or this very file when a bundler put
 * everything into one (worker.ts then starts from its side of the bundle).
 */
function workerModule(): { file: string; transform: boolean } {
  const here = basename(__filename);
  if (!here.startsWith('workerPool.'))
    return { file: __filename, transform: false };
  const suffix = here.slice('workerPool'.length);
  return {
    file: join(dirname(__filename), `worker${suffix}`),
    transform: suffix === '.ts',
  };
}

function startWorker(heapMb: number): Worker {
  const { file, transform } = workerModule();
  const code = [
    transform
      ? `require(${JSON.stringify(
          require.resolve('@backstage/cli/config/nodeTransform.cjs'),
        )});`
      : '',
    `require(${JSON.stringify(file)});`,
  ].join('');
  const worker = new Worker(code, {
    eval: true,
    workerData: { [WORKER_MARK]: true },
    resourceLimits: { maxOldGenerationSizeMb: heapMb },
  });
  worker.on('exit', () => workerPool.forget(worker));
  return worker;
}
