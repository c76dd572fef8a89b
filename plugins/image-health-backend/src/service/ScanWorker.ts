import { LoggerService } from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import { ClaimedScan, ScanQueue } from '../database/ScanQueue';

/** Runs one claimed scan to its end, including writing its result through the queue. */
export type ScanJobRunner = (
  scan: ClaimedScan,
  context: { owner: string; leaseLost: () => boolean },
) => Promise<void>;

export interface ScanWorkerOptions {
  queue: ScanQueue;
  run: ScanJobRunner;
  logger: LoggerService;
  /** Identifies this instance on the rows it claims. */
  owner: string;
  concurrency: number;
  leaseMs: number;
  /** How often an idle worker looks for new jobs. */
  pollIntervalMs?: number;
}

/**
 * Claims scans from the durable queue and runs up to `concurrency` of them at
 * once, renewing their leases while they run. Every backend instance runs one.
 */
export class ScanWorker {
  private readonly inFlight = new Set<Promise<void>>();
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;

  constructor(private readonly options: ScanWorkerOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Looks for jobs now instead of at the next poll, e.g. after an on-demand scan was queued. */
  notify(): void {
    this.wake?.();
  }

  /** Stops claiming and waits for the scans in flight. */
  async stop(): Promise<void> {
    this.running = false;
    this.notify();
    await this.loop;
    await Promise.allSettled([...this.inFlight]);
  }

  private async run(): Promise<void> {
    const { queue, concurrency, leaseMs, owner, logger } = this.options;
    const pollIntervalMs = this.options.pollIntervalMs ?? 2000;
    while (this.running) {
      let claimed: ClaimedScan[] = [];
      const free = concurrency - this.inFlight.size;
      if (free > 0) {
        try {
          claimed = await queue.claim(owner, free, leaseMs);
        } catch (error) {
          logger.warn(
            `could not claim scans: ${isError(error) ? error.message : error}`,
          );
        }
      }
      for (const scan of claimed) {
        const job = this.runOne(scan).finally(() => {
          this.inFlight.delete(job);
          this.notify();
        });
        this.inFlight.add(job);
      }
      if (claimed.length === 0 || this.inFlight.size >= concurrency) {
        await new Promise<void>(resolve => {
          const timer = setTimeout(resolve, pollIntervalMs);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wake = undefined;
      }
    }
  }

  private async runOne(scan: ClaimedScan): Promise<void> {
    const { queue, leaseMs, owner, logger } = this.options;
    let leaseLost = false;
    const heartbeat = setInterval(() => {
      queue.renewLease(scan.id, owner, leaseMs).then(
        renewed => {
          if (!renewed) leaseLost = true;
        },
        error =>
          logger.warn(
            `could not renew the lease of scan ${scan.id}: ${
              isError(error) ? error.message : error
            }`,
          ),
      );
    }, Math.max(50, Math.floor(leaseMs / 3)));
    try {
      await this.options.run(scan, { owner, leaseLost: () => leaseLost });
    } catch (error) {
      logger.error(
        `scan ${scan.id} of ${scan.entityRef} failed: ${
          isError(error) ? error.message : error
        }`,
      );
    } finally {
      clearInterval(heartbeat);
    }
  }
}
