// ******************************************************************
// * THIS FILE IS GENERATED FROM plugins/image-health-backend/openapi.yaml
// * by `yarn openapi:generate`. DO NOT EDIT IT BY HAND.
// ******************************************************************
/* eslint-disable */

export interface paths {
  '/v1/entities/{kind}/{namespace}/{name}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        kind: components['parameters']['kind'];
        namespace: components['parameters']['namespace'];
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    /**
     * The latest report of an entity
     * @description When the last scan failed, the last good report is returned with `status: failed`
     *     and `error` saying why; `checkedAt` is then later than `scannedAt`.
     */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          kind: components['parameters']['kind'];
          namespace: components['parameters']['namespace'];
          name: components['parameters']['name'];
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The report */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Report'];
          };
        };
        401: components['responses']['Error'];
        404: components['responses']['Error'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/entities/{kind}/{namespace}/{name}/history': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        kind: components['parameters']['kind'];
        namespace: components['parameters']['namespace'];
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    /** Score history, newest first */
    get: {
      parameters: {
        query?: {
          limit?: number;
        };
        header?: never;
        path: {
          kind: components['parameters']['kind'];
          namespace: components['parameters']['namespace'];
          name: components['parameters']['name'];
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description History entries */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['HistoryResponse'];
          };
        };
        400: components['responses']['Error'];
        404: components['responses']['Error'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/entities/{kind}/{namespace}/{name}/changes': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        kind: components['parameters']['kind'];
        namespace: components['parameters']['namespace'];
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    /**
     * What changed between two scans of the entity
     * @description Compares two stored reports by scan id (`scanId` of the history entries):
     *     by default the latest scan (`to`) against the one before it (`from`).
     *     404 while the entity has fewer than two stored reports.
     */
    get: {
      parameters: {
        query?: {
          from?: string;
          to?: string;
        };
        header?: never;
        path: {
          kind: components['parameters']['kind'];
          namespace: components['parameters']['namespace'];
          name: components['parameters']['name'];
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The comparison */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ReportComparison'];
          };
        };
        400: components['responses']['Error'];
        404: components['responses']['Error'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/entities/{kind}/{namespace}/{name}/scan': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        kind: components['parameters']['kind'];
        namespace: components['parameters']['namespace'];
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Queue a scan of the entity now
     * @description Needs the `image-health.scan.create` permission for this entity (a resource
     *     permission on `catalog-entity`: a policy may grant it to the entity's owners
     *     only); 404 when the caller cannot read the entity. When a scan of the entity is
     *     already waiting, that scan is returned instead of queueing another.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          kind: components['parameters']['kind'];
          namespace: components['parameters']['namespace'];
          name: components['parameters']['name'];
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The queued scan */
        202: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ScanStatus'];
          };
        };
        400: components['responses']['Error'];
        403: components['responses']['Error'];
        404: components['responses']['Error'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/scans/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Status of a scan */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The scan */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ScanStatus'];
          };
        };
        400: components['responses']['Error'];
        404: components['responses']['Error'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/scorecard': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Every scanned entity the caller may read, filtered, sorted and paged, with aggregates
     * @description Filters match exactly (case-insensitive), except `q`, which matches title or entity ref.
     *     `owner` and `system` take entity refs or short names (`team-a` = `group:default/team-a`).
     *     Totals and aggregates cover every filtered row, not just the page.
     */
    get: {
      parameters: {
        query?: {
          owner?: string;
          kind?: string;
          type?: string;
          lifecycle?: string;
          system?: string;
          grade?: components['schemas']['Grade'];
          q?: string;
          sort?:
            | 'title'
            | 'entityRef'
            | 'owner'
            | 'score'
            | 'grade'
            | 'compressedBytes'
            | 'reclaimableBytes'
            | 'policyViolations'
            | 'scannedAt';
          /** @description Entities with policy findings (violating) or without (compliant) */
          policy?: 'violating' | 'compliant';
          order?: 'asc' | 'desc';
          offset?: number;
          limit?: number;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Rows, totals and aggregates */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ScorecardResponse'];
          };
        };
        400: components['responses']['Error'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/rules': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The rule catalogue */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Every rule */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['RuleInfo'][];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    Error: {
      error: {
        name: string;
        message: string;
      };
      response: {
        statusCode: number;
      };
    };
    /** @enum {string} */
    Grade: 'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'N/A';
    /** @enum {string} */
    Severity: 'error' | 'warning' | 'info' | 'style';
    /** @enum {string} */
    FindingCategory:
      | 'size'
      | 'layers'
      | 'base-image'
      | 'security'
      | 'build-cache'
      | 'correctness'
      | 'policy';
    CategoryScore: {
      value: number | null;
      grade: components['schemas']['Grade'];
      weight: number;
      detail: string;
      budgetBytes?: number;
    };
    Score: {
      value: number | null;
      grade: components['schemas']['Grade'];
      categories: {
        size: components['schemas']['CategoryScore'];
        layers: components['schemas']['CategoryScore'];
        baseImage: components['schemas']['CategoryScore'];
        security: components['schemas']['CategoryScore'];
        buildCache: components['schemas']['CategoryScore'];
      };
      /** @description Why value is below the categories' weighted mean (a policy error caps it at 69) */
      cappedBy?: string;
    };
    Remediation: {
      summary: string;
      before?: string;
      after?: string;
      docsUrl?: string;
    };
    Finding: {
      ruleId: string;
      equivalents: string[];
      category: components['schemas']['FindingCategory'];
      severity: components['schemas']['Severity'];
      message: string;
      file?: string;
      line?: number;
      endLine?: number;
      layer?: string;
      remediation: components['schemas']['Remediation'];
    };
    StageSummary: {
      index: number;
      name?: string;
      baseImage: string;
      line: number;
      final: boolean;
    };
    DockerfileResult: {
      location: string;
      content?: string;
      stages: components['schemas']['StageSummary'][];
      baseImages: string[];
      findings: components['schemas']['Finding'][];
      suggestedDockerfile?: string;
      parseErrors: {
        message: string;
        line?: number;
      }[];
      /** @description The final stage's base image and its approximate compressed size, for entities without a scanned image. */
      finalBaseEstimate?: {
        image: string;
        compressedBytes: number;
      };
    };
    Layer: {
      digest: string;
      compressedBytes: number;
      uncompressedBytes?: number;
      createdBy: string;
      emptyLayer: boolean;
      wastedBytes?: number;
    };
    ImageResult: {
      ref: string;
      digest: string;
      platform: string;
      platforms: string[];
      compressedBytes: number;
      uncompressedBytes?: number;
      layers: components['schemas']['Layer'][];
      user: string;
      userIsRoot: boolean;
      /** @enum {string} */
      rootKind: 'explicit' | 'implicit' | 'none';
      baseImage?: string;
      createdAt?: string;
      findings: components['schemas']['Finding'][];
      efficiency?: number;
      wastedBytes?: number;
      reclaimableBytes?: number;
      os?: string;
      architecture?: string;
      /** @description `80/tcp`, … from EXPOSE */
      exposedPorts?: string[];
      labels?: {
        [key: string]: string;
      };
      /** @description Names (never values) of ENV variables that look like secrets */
      secretEnvNames?: string[];
      /** @description The HEALTHCHECK test command; absent when the image has none */
      healthcheck?: string;
      /** @description Whole days between `createdAt` and the scan */
      ageDays?: number;
      baseImageDigest?: string;
      /**
       * @description How the base image was found
       * @enum {string}
       */
      baseImageSource?: 'annotation' | 'layers' | 'dockerfile';
      /** @description Share (0..1) of `compressedBytes` that the base image's layers make up */
      baseImageShare?: number;
      /** @description The base image's tag now points to a digest the image was not built on */
      baseImageOutdated?: boolean;
      /** @description Deep analysis: the biggest files of the final filesystem */
      largestFiles?: {
        path: string;
        bytes: number;
        layer: string;
      }[];
      /** @description Whether the deep analysis ran, and whether it read every layer */
      deepAnalysis?: {
        complete: boolean;
        files: number;
        reason?: string;
      };
    };
    Report: {
      entityRef: string;
      /** Format: date-time */
      scannedAt: string;
      /** Format: date-time */
      checkedAt?: string;
      /** @enum {string} */
      status: 'ok' | 'partial' | 'failed';
      error?: string;
      score: components['schemas']['Score'];
      dockerfiles: components['schemas']['DockerfileResult'][];
      images: components['schemas']['ImageResult'][];
      discovery?: components['schemas']['DockerfileDiscovery'];
    };
    /** @description How the Dockerfiles were found when no image-health/dockerfile annotation names them. */
    DockerfileDiscovery: {
      /** @enum {string} */
      method: 'search' | 'root';
      found?: number;
      message?: string;
    };
    HistoryEntry: {
      scanId?: string;
      /** Format: date-time */
      scannedAt: string;
      /** @enum {string} */
      status: 'ok' | 'partial' | 'failed';
      score: number | null;
      grade: components['schemas']['Grade'];
      compressedBytes?: number;
    };
    Delta: {
      before?: number;
      after?: number;
      delta?: number;
    };
    FindingChange: {
      ruleId: string;
      /** @enum {string} */
      severity: 'error' | 'warning' | 'info' | 'style';
      message: string;
      file?: string;
      line?: number;
    };
    ImageIdentity: {
      ref: string;
      digest: string;
    };
    ImageComparison: {
      before?: components['schemas']['ImageIdentity'];
      after?: components['schemas']['ImageIdentity'];
      compressedBytes: components['schemas']['Delta'];
      uncompressedBytes: components['schemas']['Delta'];
      layerCount: components['schemas']['Delta'];
      layers: {
        /** @enum {string} */
        change: 'unchanged' | 'added' | 'removed';
        digest: string;
        createdBy: string;
        compressedBytes: number;
        uncompressedBytes?: number;
        emptyLayer: boolean;
      }[];
      layersAdded: number;
      layersRemoved: number;
      layersUnchanged: number;
      wastedBytes: components['schemas']['Delta'];
      userIsRoot: {
        before?: boolean;
        after?: boolean;
      };
      baseImage: {
        before?: string;
        after?: string;
      };
      largestFiles?: {
        path: string;
        /** @enum {string} */
        change: 'grown' | 'shrunk' | 'entered' | 'left';
        before?: number;
        after?: number;
      }[];
    };
    ReportComparison: {
      fromScanId: string;
      toScanId: string;
      before: {
        entityRef: string;
        /** Format: date-time */
        scannedAt: string;
      };
      after: {
        entityRef: string;
        /** Format: date-time */
        scannedAt: string;
      };
      score: {
        before?: number;
        after?: number;
        delta?: number;
        gradeBefore: components['schemas']['Grade'];
        gradeAfter: components['schemas']['Grade'];
      };
      images: components['schemas']['ImageComparison'][];
      findingsFixed: components['schemas']['FindingChange'][];
      findingsIntroduced: components['schemas']['FindingChange'][];
    };
    HistoryResponse: {
      entityRef: string;
      items: components['schemas']['HistoryEntry'][];
    };
    ScanStatus: {
      /** Format: uuid */
      id: string;
      entityRef: string;
      /** @enum {string} */
      state: 'queued' | 'running' | 'succeeded' | 'failed';
      /** Format: date-time */
      queuedAt: string;
      /** Format: date-time */
      startedAt?: string;
      /** Format: date-time */
      finishedAt?: string;
      error?: string;
    };
    ScorecardRow: {
      entityRef: string;
      title: string;
      owner?: string;
      score: number | null;
      grade: components['schemas']['Grade'];
      compressedBytes?: number;
      baseImage?: string;
      userIsRoot?: boolean;
      reclaimableBytes?: number;
      /** @description Policy findings of the report (absent for reports made before they were counted) */
      policyViolations?: number;
      /** Format: date-time */
      scannedAt: string;
    };
    ScorecardResponse: {
      rows: components['schemas']['ScorecardRow'][];
      totals: {
        /** @description Scanned entities the caller may read */
        entities: number;
        /** @description Of those, how many match the filters */
        filtered: number;
      };
      aggregates: {
        /** @description Entities per grade, every grade present */
        gradeDistribution: {
          A: number;
          B: number;
          C: number;
          D: number;
          E: number;
          F: number;
          'N/A': number;
        };
        /** @description Per owner, worst average first */
        owners: {
          owner: string;
          entities: number;
          averageScore: number | null;
        }[];
        reclaimableBytes: number;
        topReclaimable?: {
          entityRef: string;
          title: string;
          reclaimableBytes: number;
        }[];
      };
    };
    RuleInfo: {
      id: string;
      title: string;
      category: components['schemas']['FindingCategory'];
      severity: components['schemas']['Severity'];
      equivalents: string[];
      description: string;
      docsUrl?: string;
    };
  };
  responses: {
    /** @description An error with a reason the caller can act on */
    Error: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
  };
  parameters: {
    kind: string;
    namespace: string;
    name: string;
  };
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
