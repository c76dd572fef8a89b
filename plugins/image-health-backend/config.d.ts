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
    /**
     * How long one scan of one entity may take in all (every Dockerfile read,
     * every registry request, deep analysis). Past it the scan fails, its
     * lease is no longer renewed, and the last good report stays. Default 10 minutes.
     */
    scanDeadline?: HumanDuration;
    /** Scans in flight per backend instance. Default 4. */
    concurrency?: number;
    /** Requests in flight per registry host, per backend instance. Default 4. */
    concurrencyPerRegistry?: number;
    /** Which child of a multi-arch index is scored, `os/arch[/variant]`. Default linux/amd64. */
    platform?: string;
    /**
     * Streaming every layer to find wasted bytes, caches and secrets. The
     * layers are read on worker threads; every limit below stops the analysis
     * with an analysis-cap finding that names it (see SECURITY.md, "Limits").
     */
    deepAnalysis?: {
      /** Default true. */
      enabled?: boolean;
      /** Layers read from one image. Default 128. */
      maxLayers?: number;
      /** Uncompressed bytes read from one layer (a decompression bomb stops here). Default 2GB. */
      maxLayerBytes?: string | number;
      /** Uncompressed bytes read from all layers of one image. Default 8GB. */
      maxImageBytes?: string | number;
      /** Tar entries read from one image. Default 500000. */
      maxEntries?: number;
      /** Bytes of one path or link target in a layer. Default 4096 (Linux's PATH_MAX). */
      maxPathBytes?: number;
      /** Components of one path in a layer. Default 256. */
      maxPathDepth?: number;
      /** JavaScript heap of each analysis worker thread; past it the analysis stops, the backend lives. Default 1GB. */
      maxMemoryBytes?: string | number;
      /** Layers of one image read at once, each on its own worker thread. Default: the cores available, at most 4. */
      parallelLayers?: number;
    };
    /**
     * The only registry hosts the backend contacts for images (plus the blob
     * redirects and token realms they name). A listed host is trusted at any
     * address, loopback and private ones included; any other host must resolve
     * to public addresses only (see SECURITY.md, "Registry requests").
     */
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
    /**
     * The organisation's policy, enforced on every entity (entity ignores and
     * rule settings do not apply to it). A breach is a finding of the
     * `policy` category; a policy error caps the entity's score at 69
     * (grade D). The CLI enforces the same block with `--policy file`.
     */
    policy?: {
      /**
       * Registries base images may come from: a host (`ghcr.io`; `docker.io`
       * is Docker Hub) or a host and repository prefix (`ghcr.io/acme`).
       * Every FROM of every stage is checked. Default: any registry.
       */
      allowedBaseImageRegistries?: string[];
      /**
       * Base images no stage may build on, as globs: `*` any run of
       * characters, `?` one, `[a-z]` a class; e.g. `*:latest`, `node:16*`.
       * Matched against the reference as written, its short form (`node:16`)
       * and its full form (`docker.io/library/node:16`); an untagged
       * reference counts as `:latest`.
       */
      forbiddenBaseImages?: string[];
      /**
       * Images must not run as root: judged on the image when one is scanned,
       * else on the Dockerfile's final USER (no USER at all is a warning there).
       */
      requireNonRoot?: boolean;
      /** Label keys every image must carry (a Dockerfile without them gets a warning). */
      requiredLabels?: string[];
      /**
       * Largest compressed image size by language, e.g. `{ node: 300MB, default: 500MB }`.
       * The language is the size budget's: detected from the base images.
       */
      maxImageSize?: {
        go?: string | number;
        rust?: string | number;
        node?: string | number;
        python?: string | number;
        java?: string | number;
        default?: string | number;
      };
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
    /**
     * Base-image advice measured from registries: newer and slimmer tags of
     * a FROM image and their compressed sizes, read from manifests only.
     * Only `registries` above are asked; a base image on a registry not
     * listed is measured from its mirror when one is given here, else its
     * findings keep the built-in size estimates.
     */
    baseImages?: {
      /** Default true. */
      measure?: boolean;
      /** Pull-through mirrors, e.g. `{ registry: docker.io, mirror: harbor.acme.internal/dockerhub-proxy }` (a host, or a host and project path). */
      mirrors?: Array<{ registry: string; mirror: string }>;
    };
    /** Reading Dockerfiles named by catalog entities (see SECURITY.md, "Dockerfile reads"). */
    dockerfiles?: {
      /**
       * Locations read besides each entity's own source repository: URL
       * prefixes ending in `/` (a directory) or exact URLs. Default none: an
       * annotation can name only files of the entity's own repository.
       */
      allowedLocations?: string[];
      /** Largest Dockerfile or .dockerignore read and stored, e.g. 1MB. Default 1MB. */
      maxBytes?: string | number;
      /**
       * A component without an image-health/dockerfile annotation has its
       * source location searched (UrlReader `search`) for Dockerfile,
       * Dockerfile.*, *.Dockerfile and Containerfile*, skipping node_modules,
       * vendor, testdata, fixtures and .git; each one found is a section of
       * its report. A source whose integration cannot search has its root
       * Dockerfile scanned, and the report says so.
       */
      search?: {
        /** Dockerfiles scanned per entity, nearest the source root first. Default 20. */
        maxFiles?: number;
        /** Directories below the source location searched. Default 6. */
        maxDepth?: number;
      };
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
    /**
     * Backstage notifications to an entity's owner when a scan makes the
     * entity worse. Needs the notifications backend installed.
     */
    notifications?: {
      /** Default false. */
      enabled?: boolean;
      /** Which regressions notify. Default all three. */
      events?: Array<'grade-drop' | 'new-error-finding' | 'over-budget'>;
      /** Grade steps a scan must lose (B → C is one) to count as a grade drop. Default 1. */
      minGradeDrop?: number;
    };
  };
}
