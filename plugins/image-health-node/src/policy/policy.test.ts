import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {
  DockerfileResult,
  Finding,
  Report,
} from '@image-health/plugin-image-health-common';
import { ImageInspector } from '../image';
import { corpusFile } from '../quality/corpus';
import { buildReport } from '../scan';
import { requireBinaries } from '../testing/binaries';
import { OciLayoutWriter, tarDirectory, writeTree } from '../testing/fixtures';
import type { ImagePolicy } from './types';

const STATIC_SITE = 'apps/docker/labs/beginner/static-site/Dockerfile'; // FROM nginx
const NODE_DEBUGGING =
  'apps/docker/labs/developer-tools/nodejs-debugging/app/Dockerfile'; // FROM node:8.2.1-alpine
const GO_MULTI_STAGE = [
  'FROM golang:1.22 AS build',
  'WORKDIR /src',
  'COPY . .',
  'RUN CGO_ENABLED=0 go build -o /app .',
  'FROM gcr.io/distroless/static-debian12:nonroot',
  'LABEL org.opencontainers.image.source=https://git.example.test/acme/api',
  'COPY --from=build /app /app',
  'ENTRYPOINT ["/app"]',
  '',
].join('\n');
const ROOT_AT_THE_END =
  'FROM debian:12.5\nRUN useradd app\nUSER app\nRUN id\nUSER root\nCMD ["app"]\n';

async function scanDockerfile(
  location: string,
  content: string,
  policy?: ImagePolicy,
  ignore: string[] = [],
): Promise<Report> {
  const { report } = await buildReport({
    entityRef: 'component:default/site',
    dockerfiles: [{ kind: 'read', location, content }],
    images: [],
    rules: { ignore },
    policy,
  });
  return report;
}

function policyFindings(report: Report): Finding[] {
  return [...report.dockerfiles, ...report.images]
    .flatMap(r => r.findings)
    .filter(f => f.category === 'policy');
}

function brief(findings: Finding[]) {
  return findings.map(f => [f.ruleId, f.severity, f.line]);
}

describe('organisation policy on Dockerfiles', () => {
  it('reports an untagged Docker Hub base as latest and from a registry outside the allowed list', async () => {
    const report = await scanDockerfile(STATIC_SITE, corpusFile(STATIC_SITE), {
      allowedBaseImageRegistries: ['ghcr.io', 'registry.acme.test'],
      forbiddenBaseImages: ['*:latest'],
    });
    const found = policyFindings(report);
    expect(brief(found)).toEqual([
      ['policy-base-image-registry', 'error', 1],
      ['policy-forbidden-base-image', 'error', 1],
    ]);
    expect(found[0].message).toBe(
      'base image nginx comes from docker.io, which the policy does not allow (allowed: ghcr.io, registry.acme.test)',
    );
    expect(found[1].message).toBe(
      'base image nginx is forbidden by the policy (it matches "*:latest")',
    );
    expect(found[0].file).toBe(STATIC_SITE);
  });

  it('caps the score at D while a policy error stands, and says why', async () => {
    const free = await scanDockerfile(STATIC_SITE, corpusFile(STATIC_SITE));
    const bound = await scanDockerfile(STATIC_SITE, corpusFile(STATIC_SITE), {
      forbiddenBaseImages: ['*:latest'],
    });
    expect(free.score.value).toBeGreaterThan(69);
    expect(free.score.cappedBy).toBeUndefined();
    expect(bound.score.value).toBe(69);
    expect(bound.score.grade).toBe('D');
    expect(bound.score.cappedBy).toBe(
      `1 policy violation: capped at 69 from ${free.score.value}`,
    );
    expect(bound.score.categories).toEqual(free.score.categories);
  });

  it('matches globs against the short and the full name, and allows a registry by repository prefix', async () => {
    const report = await scanDockerfile(
      NODE_DEBUGGING,
      corpusFile(NODE_DEBUGGING),
      {
        allowedBaseImageRegistries: ['docker.io/library'],
        forbiddenBaseImages: ['node:8*', 'docker.io/library/node:8.2.*'],
      },
    );
    expect(brief(policyFindings(report))).toEqual([
      ['policy-forbidden-base-image', 'error', 1],
    ]);
    expect(policyFindings(report)[0].message).toContain('matches "node:8*"');
  });

  it('cannot be silenced by the entity: ignores and severity overrides leave policy findings alone', async () => {
    const report = await scanDockerfile(
      STATIC_SITE,
      `# hadolint ignore=policy-forbidden-base-image\n${corpusFile(
        STATIC_SITE,
      )}`,
      { forbiddenBaseImages: ['*:latest'] },
      ['policy-forbidden-base-image'],
    );
    expect(brief(policyFindings(report))).toEqual([
      ['policy-forbidden-base-image', 'error', 2],
    ]);
  });

  it('judges user and labels from the Dockerfile when no image is scanned: a missing USER or label is a warning', async () => {
    const report = await scanDockerfile(
      NODE_DEBUGGING,
      corpusFile(NODE_DEBUGGING),
      {
        requireNonRoot: true,
        requiredLabels: ['org.opencontainers.image.source'],
      },
    );
    expect(brief(policyFindings(report))).toEqual([
      ['policy-non-root', 'warning', 1],
      ['policy-required-label', 'warning', 1],
    ]);
    // Warnings do not cap the score.
    expect(report.score.cappedBy).toBeUndefined();
  });

  it('is an error when the final stage ends as root, pointing at that USER', async () => {
    const report = await scanDockerfile('Dockerfile', ROOT_AT_THE_END, {
      requireNonRoot: true,
    });
    expect(brief(policyFindings(report))).toEqual([
      ['policy-non-root', 'error', 5],
    ]);
    expect(policyFindings(report)[0].message).toBe(
      'the image runs as root, and the policy requires a non-root user',
    );
  });

  it('finds nothing in a compliant multi-stage build (builder from Docker Hub, non-root distroless final stage with its label)', async () => {
    const report = await scanDockerfile('Dockerfile', GO_MULTI_STAGE, {
      allowedBaseImageRegistries: ['docker.io', 'gcr.io/distroless'],
      forbiddenBaseImages: ['*:latest', 'golang:1.1*'],
      requireNonRoot: true,
      requiredLabels: ['org.opencontainers.image.source'],
    });
    expect(policyFindings(report)).toEqual([]);
  });

  it('stays silent on a base it cannot read (an ARG without default)', async () => {
    const report = await scanDockerfile(
      'Dockerfile',
      'ARG BASE\nFROM ${BASE}\nUSER 10001\n',
      { allowedBaseImageRegistries: ['ghcr.io'], forbiddenBaseImages: ['*'] },
    );
    expect(policyFindings(report)).toEqual([]);
  });

  it('judges a result kept from an earlier scan against the policy of now, without doubling its findings', async () => {
    const earlier: DockerfileResult = (
      await scanDockerfile(STATIC_SITE, corpusFile(STATIC_SITE), {
        forbiddenBaseImages: ['*:latest'],
      })
    ).dockerfiles[0];
    const rescan = (policy?: ImagePolicy) =>
      buildReport({
        entityRef: 'component:default/site',
        dockerfiles: [{ kind: 'unchanged', result: earlier }],
        images: [],
        policy,
      });
    const same = await rescan({ forbiddenBaseImages: ['*:latest'] });
    expect(brief(policyFindings(same.report))).toEqual([
      ['policy-forbidden-base-image', 'error', 1],
    ]);
    const lifted = await rescan(undefined);
    expect(policyFindings(lifted.report)).toEqual([]);
    const other = await rescan({ requireNonRoot: true });
    expect(brief(policyFindings(other.report))).toEqual([
      ['policy-non-root', 'warning', 1],
    ]);
  });
});

describe('organisation policy on a built image', () => {
  let dir: string;
  let inspector: ImageInspector;
  const refs: Record<string, string> = {};

  beforeAll(async () => {
    requireBinaries(['tar']);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ih-policy-'));
    const tree = path.join(dir, 'tree');
    await writeTree(tree, {
      'app/server.js': 'x'.repeat(64 * 1024),
      'app/data.bin': fs.readFileSync(process.execPath).subarray(0, 256 * 1024),
    });
    const layout = await new OciLayoutWriter(path.join(dir, 'layout')).init();
    const layer = await layout.layer(
      await tarDirectory(tree, `${tree}.tar`),
      'gzip',
    );
    // The same files twice: as root without labels, and as a user with the label.
    await layout.image({
      layers: [layer],
      config: { Cmd: ['node', '/app/server.js'] },
      tag: 'root',
    });
    await layout.image({
      layers: [layer],
      config: {
        Cmd: ['node', '/app/server.js'],
        User: '10001',
        Labels: {
          'org.opencontainers.image.source':
            'https://git.example.test/acme/web',
        },
      },
      tag: 'user',
    });
    for (const tag of ['root', 'user'])
      refs[tag] = `oci:${path.join(dir, 'layout')}:${tag}`;
    inspector = new ImageInspector({ registries: [], allowLocalSources: true });
  }, 60_000);

  afterAll(async () => {
    await inspector?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function scanImage(tag: string, policy: ImagePolicy): Promise<Report> {
    const { report } = await buildReport({
      entityRef: 'component:default/web',
      dockerfiles: [
        {
          kind: 'read',
          location: NODE_DEBUGGING,
          content: corpusFile(NODE_DEBUGGING),
        },
      ],
      images: [{ kind: 'inspect', ref: refs[tag] }],
      inspector,
      policy,
    });
    expect(report.status).toBe('ok');
    return report;
  }

  const POLICY: ImagePolicy = {
    requireNonRoot: true,
    requiredLabels: ['org.opencontainers.image.source'],
    maxImageSize: { node: 64 * 1024, default: 100 * 1024 * 1024 },
  };

  it('judges user, labels and size on the image, not the Dockerfile, when an image is scanned', async () => {
    const report = await scanImage('root', POLICY);
    expect(
      report.dockerfiles[0].findings.filter(f => f.category === 'policy'),
    ).toEqual([]);
    const found = report.images[0].findings.filter(
      f => f.category === 'policy',
    );
    expect(found.map(f => [f.ruleId, f.severity])).toEqual([
      ['policy-non-root', 'error'],
      ['policy-required-label', 'error'],
      ['policy-max-image-size', 'error'],
    ]);
    expect(found[2].message).toMatch(
      /is \d+(\.\d)? KB compressed, above the policy's 64\.0 KB maximum for node images$/,
    );
    expect(report.score.value).toBeLessThanOrEqual(69);
  });

  it('finds nothing in the image that runs as a user, carries the label and fits the language limit', async () => {
    const report = await scanImage('user', {
      ...POLICY,
      maxImageSize: { node: 10 * 1024 * 1024 },
    });
    expect(policyFindings(report)).toEqual([]);
  });
});
