import { HumanDuration } from '@backstage/types';

export interface Config {
  /** Image Health: scans of catalog components' Dockerfiles and images. */
  imageHealth?: {
    /**
     * When the scheduled scan of every annotated entity runs.
     * Default: every 6 hours, 30 minutes timeout, first run 30 seconds after start.
     */
    schedule?: {
      frequency?: HumanDuration | { cron: string };
      timeout?: HumanDuration;
      initialDelay?: HumanDuration;
    };
    /** Scans in flight per backend instance. Default 4. */
    concurrency?: number;
    /** Requests in flight per registry host, per backend instance. Default 4. */
    concurrencyPerRegistry?: number;
    /** Which child of a multi-arch index is scored, `os/arch[/variant]`. Default linux/amd64. */
    platform?: string;
    /** Streaming every layer to find wasted bytes, caches and secrets. */
    deepAnalysis?: {
      /** Default true. */
      enabled?: boolean;
      /** Uncompressed bytes read per layer before giving up, e.g. 2GB. */
      maxLayerBytes?: string | number;
      /** Tar entries read per image before giving up. Default 500000. */
      maxEntries?: number;
    };
    /** The only registry hosts the backend contacts for images. */
    registries?: Array<{
      /** host[:port] as written in image references, e.g. ghcr.io or localhost:5000. */
      host: string;
      /** Plain HTTP instead of HTTPS; for local registries only. */
      insecure?: boolean;
      auth?: {
        username?: string;
        /** @visibility secret */
        password?: string;
        /** A bearer token used as is. @visibility secret */
        token?: string;
      };
    }>;
    rules?: {
      /** Rule ids to skip everywhere: ours or a peer's (DL3008, DS-0029, CIS-DI-0001). */
      ignore?: string[];
      /** Severity overrides by rule id (ours or a peer's): error, warning, info or style. */
      severity?: { [ruleId: string]: 'error' | 'warning' | 'info' | 'style' };
    };
    /** Image size budgets per language, e.g. 20MB. */
    budgets?: {
      go?: string | number;
      rust?: string | number;
      node?: string | number;
      python?: string | number;
      java?: string | number;
      default?: string | number;
    };
    /** Score history. */
    history?: {
      /** How long score history and finished scan records are kept. Default 365 days. */
      retention?: HumanDuration | string;
    };
    /** Entities that left the catalog. */
    removedEntities?: {
      /** How long their reports and history are kept after they left. Default 7 days. */
      gracePeriod?: HumanDuration | string;
    };
    /** The durable scan queue shared by all backend instances. */
    queue?: {
      /**
       * How long a claimed scan is held without a heartbeat before another
       * instance takes it over (its instance is presumed dead). Default 5 minutes.
       */
      lease?: HumanDuration | string;
      /** Take-overs of one scan before it is failed. Default 3. */
      maxAttempts?: number;
    };
  };
}
