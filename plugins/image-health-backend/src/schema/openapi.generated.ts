// ******************************************************************
// * THIS FILE IS GENERATED FROM plugins/image-health-backend/openapi.yaml
// * by `yarn openapi:generate`. DO NOT EDIT IT BY HAND.
// ******************************************************************
/* eslint-disable */

import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';

export const spec = {
  openapi: '3.1.0',
  info: {
    title: 'Image Health',
    version: '1.0.0',
    description:
      "The HTTP API of the Image Health backend plugin, mounted at `/api/image-health`.\nEvery route needs a Backstage token; entity data is returned only for entities the\ncaller may read in the catalog (others answer 404, as if they did not exist).\nErrors use Backstage's error body: `{ error: { name, message }, response: { statusCode } }`;\na request the document does not allow (a bad or unknown query parameter) is a 400 whose\nmessage names the parameter.\n",
  },
  servers: [
    {
      url: '/',
    },
  ],
  security: [
    {
      backstageToken: [],
    },
  ],
  paths: {
    '/v1/entities/{kind}/{namespace}/{name}': {
      parameters: [
        {
          $ref: '#/components/parameters/kind',
        },
        {
          $ref: '#/components/parameters/namespace',
        },
        {
          $ref: '#/components/parameters/name',
        },
      ],
      get: {
        summary: 'The latest report of an entity',
        description:
          'When the last scan failed, the last good report is returned with `status: failed`\nand `error` saying why; `checkedAt` is then later than `scannedAt`.\n',
        responses: {
          '200': {
            description: 'The report',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Report',
                },
              },
            },
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '404': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/v1/entities/{kind}/{namespace}/{name}/history': {
      parameters: [
        {
          $ref: '#/components/parameters/kind',
        },
        {
          $ref: '#/components/parameters/namespace',
        },
        {
          $ref: '#/components/parameters/name',
        },
      ],
      get: {
        summary: 'Score history, newest first',
        parameters: [
          {
            name: 'limit',
            in: 'query',
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 1000,
              default: 100,
            },
          },
        ],
        responses: {
          '200': {
            description: 'History entries',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/HistoryResponse',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '404': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/v1/entities/{kind}/{namespace}/{name}/changes': {
      parameters: [
        {
          $ref: '#/components/parameters/kind',
        },
        {
          $ref: '#/components/parameters/namespace',
        },
        {
          $ref: '#/components/parameters/name',
        },
      ],
      get: {
        summary: 'What changed between two scans of the entity',
        description:
          'Compares two stored reports by scan id (`scanId` of the history entries):\nby default the latest scan (`to`) against the one before it (`from`).\n404 while the entity has fewer than two stored reports.\n',
        parameters: [
          {
            name: 'from',
            in: 'query',
            schema: {
              type: 'string',
              format: 'uuid',
            },
          },
          {
            name: 'to',
            in: 'query',
            schema: {
              type: 'string',
              format: 'uuid',
            },
          },
        ],
        responses: {
          '200': {
            description: 'The comparison',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ReportComparison',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '404': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/v1/entities/{kind}/{namespace}/{name}/scan': {
      parameters: [
        {
          $ref: '#/components/parameters/kind',
        },
        {
          $ref: '#/components/parameters/namespace',
        },
        {
          $ref: '#/components/parameters/name',
        },
      ],
      post: {
        summary: 'Queue a scan of the entity now',
        description:
          "Needs the `image-health.scan.create` permission for this entity (a resource\npermission on `catalog-entity`: a policy may grant it to the entity's owners\nonly); 404 when the caller cannot read the entity. When a scan of the entity is\nalready waiting, that scan is returned instead of queueing another.\n",
        responses: {
          '202': {
            description: 'The queued scan',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ScanStatus',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '403': {
            $ref: '#/components/responses/Error',
          },
          '404': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/v1/scans/{id}': {
      get: {
        summary: 'Status of a scan',
        parameters: [
          {
            name: 'id',
            in: 'path',
            required: true,
            schema: {
              type: 'string',
              format: 'uuid',
            },
          },
        ],
        responses: {
          '200': {
            description: 'The scan',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ScanStatus',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '404': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/v1/scorecard': {
      get: {
        summary:
          'Every scanned entity the caller may read, filtered, sorted and paged, with aggregates',
        description:
          'Filters match exactly (case-insensitive), except `q`, which matches title or entity ref.\n`owner` and `system` take entity refs or short names (`team-a` = `group:default/team-a`).\nTotals and aggregates cover every filtered row, not just the page.\n',
        parameters: [
          {
            name: 'owner',
            in: 'query',
            schema: {
              type: 'string',
            },
          },
          {
            name: 'kind',
            in: 'query',
            schema: {
              type: 'string',
            },
          },
          {
            name: 'type',
            in: 'query',
            schema: {
              type: 'string',
            },
          },
          {
            name: 'lifecycle',
            in: 'query',
            schema: {
              type: 'string',
            },
          },
          {
            name: 'system',
            in: 'query',
            schema: {
              type: 'string',
            },
          },
          {
            name: 'grade',
            in: 'query',
            schema: {
              $ref: '#/components/schemas/Grade',
            },
          },
          {
            name: 'q',
            in: 'query',
            schema: {
              type: 'string',
            },
          },
          {
            name: 'sort',
            in: 'query',
            schema: {
              type: 'string',
              enum: [
                'title',
                'entityRef',
                'owner',
                'score',
                'grade',
                'compressedBytes',
                'reclaimableBytes',
                'policyViolations',
                'scannedAt',
              ],
              default: 'score',
            },
          },
          {
            name: 'policy',
            in: 'query',
            description:
              'Entities with policy findings (violating) or without (compliant)',
            schema: {
              type: 'string',
              enum: ['violating', 'compliant'],
            },
          },
          {
            name: 'order',
            in: 'query',
            schema: {
              type: 'string',
              enum: ['asc', 'desc'],
              default: 'asc',
            },
          },
          {
            name: 'offset',
            in: 'query',
            schema: {
              type: 'integer',
              minimum: 0,
              maximum: 1000000,
              default: 0,
            },
          },
          {
            name: 'limit',
            in: 'query',
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 500,
              default: 50,
            },
          },
        ],
        responses: {
          '200': {
            description: 'Rows, totals and aggregates',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ScorecardResponse',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/v1/rules': {
      get: {
        summary: 'The rule catalogue',
        responses: {
          '200': {
            description: 'Every rule',
            content: {
              'application/json': {
                schema: {
                  type: 'array',
                  items: {
                    $ref: '#/components/schemas/RuleInfo',
                  },
                },
              },
            },
          },
        },
      },
    },
  },
  components: {
    securitySchemes: {
      backstageToken: {
        type: 'http',
        scheme: 'bearer',
      },
    },
    parameters: {
      kind: {
        name: 'kind',
        in: 'path',
        required: true,
        schema: {
          type: 'string',
        },
      },
      namespace: {
        name: 'namespace',
        in: 'path',
        required: true,
        schema: {
          type: 'string',
        },
      },
      name: {
        name: 'name',
        in: 'path',
        required: true,
        schema: {
          type: 'string',
        },
      },
    },
    responses: {
      Error: {
        description: 'An error with a reason the caller can act on',
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/Error',
            },
          },
        },
      },
    },
    schemas: {
      Error: {
        type: 'object',
        required: ['error', 'response'],
        properties: {
          error: {
            type: 'object',
            required: ['name', 'message'],
            properties: {
              name: {
                type: 'string',
              },
              message: {
                type: 'string',
              },
            },
          },
          response: {
            type: 'object',
            required: ['statusCode'],
            properties: {
              statusCode: {
                type: 'integer',
              },
            },
          },
        },
      },
      Grade: {
        type: 'string',
        enum: ['A', 'B', 'C', 'D', 'E', 'F', 'N/A'],
      },
      Severity: {
        type: 'string',
        enum: ['error', 'warning', 'info', 'style'],
      },
      FindingCategory: {
        type: 'string',
        enum: [
          'size',
          'layers',
          'base-image',
          'security',
          'build-cache',
          'correctness',
          'policy',
        ],
      },
      CategoryScore: {
        type: 'object',
        additionalProperties: false,
        required: ['value', 'grade', 'weight', 'detail'],
        properties: {
          value: {
            type: ['number', 'null'],
            minimum: 0,
            maximum: 100,
          },
          grade: {
            $ref: '#/components/schemas/Grade',
          },
          weight: {
            type: 'number',
          },
          detail: {
            type: 'string',
          },
          budgetBytes: {
            type: 'integer',
            minimum: 0,
          },
        },
      },
      Score: {
        type: 'object',
        additionalProperties: false,
        required: ['value', 'grade', 'categories'],
        properties: {
          value: {
            type: ['number', 'null'],
            minimum: 0,
            maximum: 100,
          },
          grade: {
            $ref: '#/components/schemas/Grade',
          },
          categories: {
            type: 'object',
            additionalProperties: false,
            required: ['size', 'layers', 'baseImage', 'security', 'buildCache'],
            properties: {
              size: {
                $ref: '#/components/schemas/CategoryScore',
              },
              layers: {
                $ref: '#/components/schemas/CategoryScore',
              },
              baseImage: {
                $ref: '#/components/schemas/CategoryScore',
              },
              security: {
                $ref: '#/components/schemas/CategoryScore',
              },
              buildCache: {
                $ref: '#/components/schemas/CategoryScore',
              },
            },
          },
          cappedBy: {
            type: 'string',
            description:
              "Why value is below the categories' weighted mean (a policy error caps it at 69)",
          },
        },
      },
      Remediation: {
        type: 'object',
        additionalProperties: false,
        required: ['summary'],
        properties: {
          summary: {
            type: 'string',
          },
          before: {
            type: 'string',
          },
          after: {
            type: 'string',
          },
          docsUrl: {
            type: 'string',
          },
        },
      },
      Finding: {
        type: 'object',
        additionalProperties: false,
        required: [
          'ruleId',
          'equivalents',
          'category',
          'severity',
          'message',
          'remediation',
        ],
        properties: {
          ruleId: {
            type: 'string',
          },
          equivalents: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          category: {
            $ref: '#/components/schemas/FindingCategory',
          },
          severity: {
            $ref: '#/components/schemas/Severity',
          },
          message: {
            type: 'string',
          },
          file: {
            type: 'string',
          },
          line: {
            type: 'integer',
          },
          endLine: {
            type: 'integer',
          },
          layer: {
            type: 'string',
          },
          remediation: {
            $ref: '#/components/schemas/Remediation',
          },
        },
      },
      StageSummary: {
        type: 'object',
        additionalProperties: false,
        required: ['index', 'baseImage', 'line', 'final'],
        properties: {
          index: {
            type: 'integer',
          },
          name: {
            type: 'string',
          },
          baseImage: {
            type: 'string',
          },
          line: {
            type: 'integer',
          },
          final: {
            type: 'boolean',
          },
        },
      },
      DockerfileResult: {
        type: 'object',
        additionalProperties: false,
        required: [
          'location',
          'stages',
          'baseImages',
          'findings',
          'parseErrors',
        ],
        properties: {
          location: {
            type: 'string',
          },
          content: {
            type: 'string',
          },
          stages: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/StageSummary',
            },
          },
          baseImages: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          findings: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/Finding',
            },
          },
          suggestedDockerfile: {
            type: 'string',
          },
          parseErrors: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['message'],
              properties: {
                message: {
                  type: 'string',
                },
                line: {
                  type: 'integer',
                },
              },
            },
          },
          finalBaseEstimate: {
            description:
              "The final stage's base image and its approximate compressed size, for entities without a scanned image.",
            type: 'object',
            additionalProperties: false,
            required: ['image', 'compressedBytes'],
            properties: {
              image: {
                type: 'string',
              },
              compressedBytes: {
                type: 'number',
              },
            },
          },
        },
      },
      Layer: {
        type: 'object',
        additionalProperties: false,
        required: ['digest', 'compressedBytes', 'createdBy', 'emptyLayer'],
        properties: {
          digest: {
            type: 'string',
          },
          compressedBytes: {
            type: 'number',
          },
          uncompressedBytes: {
            type: 'number',
          },
          createdBy: {
            type: 'string',
          },
          emptyLayer: {
            type: 'boolean',
          },
          wastedBytes: {
            type: 'number',
          },
        },
      },
      ImageResult: {
        type: 'object',
        additionalProperties: false,
        required: [
          'ref',
          'digest',
          'platform',
          'platforms',
          'compressedBytes',
          'layers',
          'user',
          'userIsRoot',
          'rootKind',
          'findings',
        ],
        properties: {
          ref: {
            type: 'string',
          },
          digest: {
            type: 'string',
          },
          platform: {
            type: 'string',
          },
          platforms: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          compressedBytes: {
            type: 'number',
          },
          uncompressedBytes: {
            type: 'number',
          },
          layers: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/Layer',
            },
          },
          user: {
            type: 'string',
          },
          userIsRoot: {
            type: 'boolean',
          },
          rootKind: {
            type: 'string',
            enum: ['explicit', 'implicit', 'none'],
          },
          baseImage: {
            type: 'string',
          },
          createdAt: {
            type: 'string',
          },
          findings: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/Finding',
            },
          },
          efficiency: {
            type: 'number',
          },
          wastedBytes: {
            type: 'number',
          },
          reclaimableBytes: {
            type: 'number',
          },
          os: {
            type: 'string',
          },
          architecture: {
            type: 'string',
          },
          exposedPorts: {
            description: '`80/tcp`, … from EXPOSE',
            type: 'array',
            items: {
              type: 'string',
            },
          },
          labels: {
            type: 'object',
            additionalProperties: {
              type: 'string',
            },
          },
          secretEnvNames: {
            description:
              'Names (never values) of ENV variables that look like secrets',
            type: 'array',
            items: {
              type: 'string',
            },
          },
          healthcheck: {
            description:
              'The HEALTHCHECK test command; absent when the image has none',
            type: 'string',
          },
          ageDays: {
            description: 'Whole days between `createdAt` and the scan',
            type: 'integer',
          },
          baseImageDigest: {
            type: 'string',
          },
          baseImageSource: {
            description: 'How the base image was found',
            type: 'string',
            enum: ['annotation', 'layers', 'dockerfile'],
          },
          baseImageShare: {
            description:
              "Share (0..1) of `compressedBytes` that the base image's layers make up",
            type: 'number',
            minimum: 0,
            maximum: 1,
          },
          baseImageOutdated: {
            description:
              "The base image's tag now points to a digest the image was not built on",
            type: 'boolean',
          },
          largestFiles: {
            description:
              'Deep analysis: the biggest files of the final filesystem',
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['path', 'bytes', 'layer'],
              properties: {
                path: {
                  type: 'string',
                },
                bytes: {
                  type: 'number',
                },
                layer: {
                  type: 'string',
                },
              },
            },
          },
          deepAnalysis: {
            description:
              'Whether the deep analysis ran, and whether it read every layer',
            type: 'object',
            additionalProperties: false,
            required: ['complete', 'files'],
            properties: {
              complete: {
                type: 'boolean',
              },
              files: {
                type: 'integer',
              },
              reason: {
                type: 'string',
              },
            },
          },
        },
      },
      Report: {
        type: 'object',
        additionalProperties: false,
        required: [
          'entityRef',
          'scannedAt',
          'status',
          'score',
          'dockerfiles',
          'images',
        ],
        properties: {
          entityRef: {
            type: 'string',
          },
          scannedAt: {
            type: 'string',
            format: 'date-time',
          },
          checkedAt: {
            type: 'string',
            format: 'date-time',
          },
          status: {
            type: 'string',
            enum: ['ok', 'partial', 'failed'],
          },
          error: {
            type: 'string',
          },
          score: {
            $ref: '#/components/schemas/Score',
          },
          dockerfiles: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/DockerfileResult',
            },
          },
          images: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ImageResult',
            },
          },
          discovery: {
            $ref: '#/components/schemas/DockerfileDiscovery',
          },
        },
      },
      DockerfileDiscovery: {
        description:
          'How the Dockerfiles were found when no image-health/dockerfile annotation names them.',
        type: 'object',
        additionalProperties: false,
        required: ['method'],
        properties: {
          method: {
            type: 'string',
            enum: ['search', 'root'],
          },
          found: {
            type: 'integer',
            minimum: 0,
          },
          message: {
            type: 'string',
          },
        },
      },
      HistoryEntry: {
        type: 'object',
        additionalProperties: false,
        required: ['scannedAt', 'status', 'score', 'grade'],
        properties: {
          scanId: {
            type: 'string',
          },
          scannedAt: {
            type: 'string',
            format: 'date-time',
          },
          status: {
            type: 'string',
            enum: ['ok', 'partial', 'failed'],
          },
          score: {
            type: ['number', 'null'],
          },
          grade: {
            $ref: '#/components/schemas/Grade',
          },
          compressedBytes: {
            type: 'number',
          },
        },
      },
      Delta: {
        type: 'object',
        additionalProperties: false,
        properties: {
          before: {
            type: 'number',
          },
          after: {
            type: 'number',
          },
          delta: {
            type: 'number',
          },
        },
      },
      FindingChange: {
        type: 'object',
        additionalProperties: false,
        required: ['ruleId', 'severity', 'message'],
        properties: {
          ruleId: {
            type: 'string',
          },
          severity: {
            type: 'string',
            enum: ['error', 'warning', 'info', 'style'],
          },
          message: {
            type: 'string',
          },
          file: {
            type: 'string',
          },
          line: {
            type: 'integer',
          },
        },
      },
      ImageIdentity: {
        type: 'object',
        additionalProperties: false,
        required: ['ref', 'digest'],
        properties: {
          ref: {
            type: 'string',
          },
          digest: {
            type: 'string',
          },
        },
      },
      ImageComparison: {
        type: 'object',
        additionalProperties: false,
        required: [
          'compressedBytes',
          'uncompressedBytes',
          'layerCount',
          'layers',
          'layersAdded',
          'layersRemoved',
          'layersUnchanged',
          'wastedBytes',
          'userIsRoot',
          'baseImage',
        ],
        properties: {
          before: {
            $ref: '#/components/schemas/ImageIdentity',
          },
          after: {
            $ref: '#/components/schemas/ImageIdentity',
          },
          compressedBytes: {
            $ref: '#/components/schemas/Delta',
          },
          uncompressedBytes: {
            $ref: '#/components/schemas/Delta',
          },
          layerCount: {
            $ref: '#/components/schemas/Delta',
          },
          layers: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: [
                'change',
                'digest',
                'createdBy',
                'compressedBytes',
                'emptyLayer',
              ],
              properties: {
                change: {
                  type: 'string',
                  enum: ['unchanged', 'added', 'removed'],
                },
                digest: {
                  type: 'string',
                },
                createdBy: {
                  type: 'string',
                },
                compressedBytes: {
                  type: 'number',
                },
                uncompressedBytes: {
                  type: 'number',
                },
                emptyLayer: {
                  type: 'boolean',
                },
              },
            },
          },
          layersAdded: {
            type: 'integer',
          },
          layersRemoved: {
            type: 'integer',
          },
          layersUnchanged: {
            type: 'integer',
          },
          wastedBytes: {
            $ref: '#/components/schemas/Delta',
          },
          userIsRoot: {
            type: 'object',
            additionalProperties: false,
            properties: {
              before: {
                type: 'boolean',
              },
              after: {
                type: 'boolean',
              },
            },
          },
          baseImage: {
            type: 'object',
            additionalProperties: false,
            properties: {
              before: {
                type: 'string',
              },
              after: {
                type: 'string',
              },
            },
          },
          largestFiles: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['path', 'change'],
              properties: {
                path: {
                  type: 'string',
                },
                change: {
                  type: 'string',
                  enum: ['grown', 'shrunk', 'entered', 'left'],
                },
                before: {
                  type: 'number',
                },
                after: {
                  type: 'number',
                },
              },
            },
          },
        },
      },
      ReportComparison: {
        type: 'object',
        additionalProperties: false,
        required: [
          'fromScanId',
          'toScanId',
          'before',
          'after',
          'score',
          'images',
          'findingsFixed',
          'findingsIntroduced',
        ],
        properties: {
          fromScanId: {
            type: 'string',
          },
          toScanId: {
            type: 'string',
          },
          before: {
            type: 'object',
            additionalProperties: false,
            required: ['entityRef', 'scannedAt'],
            properties: {
              entityRef: {
                type: 'string',
              },
              scannedAt: {
                type: 'string',
                format: 'date-time',
              },
            },
          },
          after: {
            type: 'object',
            additionalProperties: false,
            required: ['entityRef', 'scannedAt'],
            properties: {
              entityRef: {
                type: 'string',
              },
              scannedAt: {
                type: 'string',
                format: 'date-time',
              },
            },
          },
          score: {
            type: 'object',
            additionalProperties: false,
            required: ['gradeBefore', 'gradeAfter'],
            properties: {
              before: {
                type: 'number',
              },
              after: {
                type: 'number',
              },
              delta: {
                type: 'number',
              },
              gradeBefore: {
                $ref: '#/components/schemas/Grade',
              },
              gradeAfter: {
                $ref: '#/components/schemas/Grade',
              },
            },
          },
          images: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ImageComparison',
            },
          },
          findingsFixed: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/FindingChange',
            },
          },
          findingsIntroduced: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/FindingChange',
            },
          },
        },
      },
      HistoryResponse: {
        type: 'object',
        additionalProperties: false,
        required: ['entityRef', 'items'],
        properties: {
          entityRef: {
            type: 'string',
          },
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/HistoryEntry',
            },
          },
        },
      },
      ScanStatus: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'entityRef', 'state', 'queuedAt'],
        properties: {
          id: {
            type: 'string',
            format: 'uuid',
          },
          entityRef: {
            type: 'string',
          },
          state: {
            type: 'string',
            enum: ['queued', 'running', 'succeeded', 'failed'],
          },
          queuedAt: {
            type: 'string',
            format: 'date-time',
          },
          startedAt: {
            type: 'string',
            format: 'date-time',
          },
          finishedAt: {
            type: 'string',
            format: 'date-time',
          },
          error: {
            type: 'string',
          },
        },
      },
      ScorecardRow: {
        type: 'object',
        additionalProperties: false,
        required: ['entityRef', 'title', 'score', 'grade', 'scannedAt'],
        properties: {
          entityRef: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          owner: {
            type: 'string',
          },
          score: {
            type: ['number', 'null'],
          },
          grade: {
            $ref: '#/components/schemas/Grade',
          },
          compressedBytes: {
            type: 'number',
          },
          baseImage: {
            type: 'string',
          },
          userIsRoot: {
            type: 'boolean',
          },
          reclaimableBytes: {
            type: 'number',
          },
          policyViolations: {
            type: 'integer',
            minimum: 0,
            description:
              'Policy findings of the report (absent for reports made before they were counted)',
          },
          scannedAt: {
            type: 'string',
            format: 'date-time',
          },
        },
      },
      ScorecardResponse: {
        type: 'object',
        additionalProperties: false,
        required: ['rows', 'totals', 'aggregates'],
        properties: {
          rows: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ScorecardRow',
            },
          },
          totals: {
            type: 'object',
            additionalProperties: false,
            required: ['entities', 'filtered'],
            properties: {
              entities: {
                type: 'integer',
                description: 'Scanned entities the caller may read',
              },
              filtered: {
                type: 'integer',
                description: 'Of those, how many match the filters',
              },
            },
          },
          aggregates: {
            type: 'object',
            additionalProperties: false,
            required: ['gradeDistribution', 'owners', 'reclaimableBytes'],
            properties: {
              gradeDistribution: {
                description: 'Entities per grade, every grade present',
                type: 'object',
                additionalProperties: false,
                required: ['A', 'B', 'C', 'D', 'E', 'F', 'N/A'],
                properties: {
                  A: {
                    type: 'integer',
                  },
                  B: {
                    type: 'integer',
                  },
                  C: {
                    type: 'integer',
                  },
                  D: {
                    type: 'integer',
                  },
                  E: {
                    type: 'integer',
                  },
                  F: {
                    type: 'integer',
                  },
                  'N/A': {
                    type: 'integer',
                  },
                },
              },
              owners: {
                type: 'array',
                description: 'Per owner, worst average first',
                items: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['owner', 'entities', 'averageScore'],
                  properties: {
                    owner: {
                      type: 'string',
                    },
                    entities: {
                      type: 'integer',
                    },
                    averageScore: {
                      type: ['number', 'null'],
                    },
                  },
                },
              },
              reclaimableBytes: {
                type: 'number',
              },
              topReclaimable: {
                type: 'array',
                items: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['entityRef', 'title', 'reclaimableBytes'],
                  properties: {
                    entityRef: {
                      type: 'string',
                    },
                    title: {
                      type: 'string',
                    },
                    reclaimableBytes: {
                      type: 'number',
                    },
                  },
                },
              },
            },
          },
        },
      },
      RuleInfo: {
        type: 'object',
        additionalProperties: false,
        required: [
          'id',
          'title',
          'category',
          'severity',
          'equivalents',
          'description',
        ],
        properties: {
          id: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          category: {
            $ref: '#/components/schemas/FindingCategory',
          },
          severity: {
            $ref: '#/components/schemas/Severity',
          },
          equivalents: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          description: {
            type: 'string',
          },
          docsUrl: {
            type: 'string',
          },
        },
      },
    },
  },
} as const;

/** An express router that rejects requests the spec does not allow (400, naming the parameter). */
export const createOpenApiRouter = (
  options?: Parameters<typeof createValidatedOpenApiRouter>['1'],
) => createValidatedOpenApiRouter<typeof spec>(spec, options);
