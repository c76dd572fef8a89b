import type { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_DOCKERFILE,
  ANNOTATION_IMAGE,
  computeScore,
  type DockerfileResult,
  type HistoryEntry,
  type ImageResult,
  type Report,
} from '@image-health/plugin-image-health-common';

/** The seed guide's Node case: full base, `COPY . .` before `npm install`. */
export const NODE_NAIVE_DOCKERFILE = `FROM node:20
WORKDIR /app
COPY . .
RUN npm install
EXPOSE 3000
CMD ["node", "server.js"]
`;

export const NODE_SUGGESTED_DOCKERFILE = `FROM node:20-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
USER node
EXPOSE 3000
CMD ["node", "server.js"]
`;

export const paymentsEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-api',
    namespace: 'default',
    annotations: {
      [ANNOTATION_DOCKERFILE]: 'Dockerfile',
      [ANNOTATION_IMAGE]: 'localhost:5000/acme/payments-api:1.4.2',
    },
  },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:team-payments',
  },
};

export const unannotatedEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'legacy-batch', namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'group:team-data' },
};

/** A component with only a source location: its root Dockerfile is scanned. */
export const sourceOnlyEntity: Entity = {
  ...unannotatedEntity,
  metadata: {
    ...unannotatedEntity.metadata,
    annotations: {
      'backstage.io/source-location':
        'url:https://git.example.com/acme/legacy-batch/',
    },
  },
};

const dockerfile: DockerfileResult = {
  location: 'Dockerfile',
  stages: [{ index: 0, baseImage: 'node:20', line: 1, final: true }],
  baseImages: ['node:20'],
  content: NODE_NAIVE_DOCKERFILE,
  suggestedDockerfile: NODE_SUGGESTED_DOCKERFILE,
  parseErrors: [],
  findings: [
    {
      ruleId: 'IH-CACHE-001',
      equivalents: [],
      category: 'build-cache',
      severity: 'warning',
      message:
        'COPY . . before npm install re-installs every dependency on any source change',
      file: 'Dockerfile',
      line: 3,
      endLine: 4,
      remediation: {
        summary:
          'Copy the package manifests first, install, then copy the sources, so the install layer stays cached.',
        before: 'COPY . .\nRUN npm install',
        after:
          'COPY package.json package-lock.json ./\nRUN npm ci --omit=dev\nCOPY . .',
      },
    },
    {
      ruleId: 'IH-BASE-001',
      equivalents: [],
      category: 'base-image',
      severity: 'error',
      message:
        'node:20 is the full Debian image; the runtime needs node:20-slim',
      file: 'Dockerfile',
      line: 1,
      remediation: {
        summary: 'Use the slim variant of the base image.',
        before: 'FROM node:20',
        after: 'FROM node:20-slim',
      },
    },
    {
      ruleId: 'DL3002',
      equivalents: ['CIS-DI-0001'],
      category: 'security',
      severity: 'warning',
      message: 'No USER instruction: the container runs as root',
      file: 'Dockerfile',
      line: 6,
      remediation: {
        summary: 'Switch to the unprivileged user the base image ships.',
        after: 'USER node',
      },
    },
  ],
};

const MB = 1024 * 1024;

const image: ImageResult = {
  ref: 'localhost:5000/acme/payments-api:1.4.2',
  digest:
    'sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945',
  platform: 'linux/amd64',
  platforms: ['linux/amd64', 'linux/arm64'],
  compressedBytes: 412 * MB,
  uncompressedBytes: 1104 * MB,
  user: '',
  userIsRoot: true,
  rootKind: 'implicit',
  baseImage: 'node:20',
  baseImageShare: 0.87,
  baseImageOutdated: true,
  createdAt: '2026-10-01T10:00:00Z',
  ageDays: 57,
  efficiency: 0.82,
  wastedBytes: 96 * MB,
  reclaimableBytes: 310 * MB,
  layers: [
    {
      digest:
        'sha256:aaaa1111bbbb2222cccc3333dddd4444eeee5555ffff6666aaaa7777bbbb8888',
      compressedBytes: 48 * MB,
      uncompressedBytes: 124 * MB,
      createdBy: '/bin/sh -c #(nop) ADD file:7a2b in / ',
      emptyLayer: false,
    },
    {
      digest:
        'sha256:bbbb2222cccc3333dddd4444eeee5555ffff6666aaaa7777bbbb8888cccc9999',
      compressedBytes: 0,
      createdBy: '/bin/sh -c #(nop)  CMD ["bash"]',
      emptyLayer: true,
    },
    {
      digest:
        'sha256:cccc3333dddd4444eeee5555ffff6666aaaa7777bbbb8888cccc9999dddd0000',
      compressedBytes: 310 * MB,
      uncompressedBytes: 820 * MB,
      createdBy:
        '/bin/sh -c apt-get update && apt-get install -y build-essential python3',
      emptyLayer: false,
      wastedBytes: 64 * MB,
    },
    {
      digest:
        'sha256:dddd4444eeee5555ffff6666aaaa7777bbbb8888cccc9999dddd0000eeee1111',
      compressedBytes: 54 * MB,
      uncompressedBytes: 160 * MB,
      createdBy: 'RUN /bin/sh -c npm install # buildkit',
      emptyLayer: false,
      wastedBytes: 32 * MB,
    },
  ],
  findings: [
    {
      ruleId: 'IH-SIZE-003',
      equivalents: [],
      category: 'size',
      severity: 'warning',
      message: 'apt lists left in /var/lib/apt/lists waste 64 MB',
      layer:
        'sha256:cccc3333dddd4444eeee5555ffff6666aaaa7777bbbb8888cccc9999dddd0000',
      remediation: {
        summary: 'Remove the apt lists in the same RUN that installs packages.',
        after:
          'RUN apt-get update && apt-get install -y --no-install-recommends python3 \\\n    && rm -rf /var/lib/apt/lists/*',
      },
    },
  ],
};

/** A scanned naive Node service, scored by the real score model. */
export function paymentsReport(overrides: Partial<Report> = {}): Report {
  const dockerfiles = [dockerfile];
  const images = [image];
  return {
    entityRef: 'component:default/payments-api',
    scannedAt: '2026-11-27T08:00:00Z',
    status: 'ok',
    score: computeScore({ dockerfiles, images }),
    dockerfiles,
    images,
    ...overrides,
  };
}

/**
 * A monorepo component whose source location was searched: a clean Go
 * service Dockerfile and the naive Node debug one, scored by the worst.
 */
export function monorepoReport(): Report {
  const service: DockerfileResult = {
    location: 'Dockerfile',
    stages: [
      {
        index: 0,
        name: 'build',
        baseImage: 'golang:1.22',
        line: 1,
        final: false,
      },
      {
        index: 1,
        baseImage: 'gcr.io/distroless/static-debian12:nonroot',
        line: 5,
        final: true,
      },
    ],
    baseImages: ['golang:1.22', 'gcr.io/distroless/static-debian12:nonroot'],
    parseErrors: [],
    findings: [
      {
        ruleId: 'DL3006',
        equivalents: [],
        category: 'base-image',
        severity: 'info',
        message: 'golang:1.22 is not pinned to a digest',
        file: 'Dockerfile',
        line: 1,
        remediation: { summary: 'Pin the builder image by digest.' },
      },
    ],
  };
  const debug: DockerfileResult = {
    ...dockerfile,
    location: 'docker/Dockerfile.debug',
    findings: dockerfile.findings.map(f => ({
      ...f,
      file: 'docker/Dockerfile.debug',
    })),
  };
  const dockerfiles = [service, debug];
  return {
    entityRef: 'component:default/payments-api',
    scannedAt: '2026-11-27T08:00:00Z',
    status: 'ok',
    score: computeScore({ dockerfiles, images: [] }),
    dockerfiles,
    images: [],
    discovery: {
      method: 'search',
      found: 3,
      message:
        'Found 3 Dockerfiles and scanned the 2 nearest the source root (imageHealth.dockerfiles.search.maxFiles).',
    },
  };
}

export const paymentsHistory: HistoryEntry[] = [
  { scannedAt: '2026-11-27T08:00:00Z', status: 'ok', score: 51, grade: 'E' },
  { scannedAt: '2026-11-26T08:00:00Z', status: 'ok', score: 48, grade: 'F' },
  { scannedAt: '2026-11-25T08:00:00Z', status: 'ok', score: 40, grade: 'F' },
];
