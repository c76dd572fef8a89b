import { execFileSync, spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import {
  mockServices,
  ServiceFactoryTester,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Report } from '@image-health/plugin-image-health-common';
import {
  ImageInspector,
  listImageRules,
  listRules,
} from '@image-health/plugin-image-health-node';
import YAML from 'yaml';
import { DockerfileServer } from '../__testUtils__/DockerfileServer';
import { TestRegistry } from '../__testUtils__/registry';
import { componentAt } from '../__testUtils__/testBackend';
import { readImageHealthConfig } from '../config';
import { DockerfileSource } from './DockerfileSource';
import { EntityScanner } from './EntityScanner';
import { targetFromEntity } from './targets';

jest.setTimeout(120_000);

const DOCKERFILE = [
  'FROM node:20',
  'WORKDIR /app',
  'COPY . .',
  'RUN npm install',
  'CMD ["node", "server.js"]',
  '',
].join('\n');
const DOCKERIGNORE = 'node_modules\n';

/** Settings written with peer ids in the spellings users bring. */
function appConfig(registryHost: string) {
  return {
    imageHealth: {
      registries: [{ host: registryHost, insecure: true }],
      rules: {
        ignore: ['DS002', 'npm-install-instead-of-ci'],
        severity: { 'cis-di-0006': 'warning' },
      },
      budgets: { node: '20KB' },
      // Read by the backend from app-config, and by the CLI from the same file with --policy.
      policy: {
        forbiddenBaseImages: ['node:20*'],
        allowedBaseImageRegistries: ['docker.io', registryHost],
        requireNonRoot: true,
        requiredLabels: ['org.opencontainers.image.source'],
        maxImageSize: { node: 100 },
      },
      deepAnalysis: { enabled: true },
    },
  };
}

const nodeEngine = path.dirname(
  require.resolve('@image-health/plugin-image-health-node/package.json'),
);
const files = new DockerfileServer();
const registry = new TestRegistry();
let dir: string;
let image: string;

beforeAll(async () => {
  await Promise.all([files.start(), registry.start()]);
  files.set('/repos/shop/Dockerfile', DOCKERFILE);
  files.set('/repos/shop/.dockerignore', DOCKERIGNORE);
  await registry.push('shop', '1.0', {
    files: {
      'app/server.js': 'console.log("hi")\n',
      'root/.npm/_cacache/index-v5/00/ab': 'x'.repeat(64 * 1024),
    },
    createdBy: 'RUN /bin/sh -c npm install # buildkit',
  });
  image = `${registry.host}/shop:1.0`;

  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'image-health-equivalence-'));
  fs.writeFileSync(path.join(dir, 'Dockerfile'), DOCKERFILE);
  fs.writeFileSync(path.join(dir, '.dockerignore'), DOCKERIGNORE);
  fs.writeFileSync(
    path.join(dir, 'app-config.yaml'),
    YAML.stringify(appConfig(registry.host)),
  );
  // The CLI as users run it: the bundled bin.
  execFileSync(process.execPath, ['bin/build-cli.mjs'], { cwd: nodeEngine });
});

afterAll(async () => {
  await Promise.all([files.stop(), registry.stop()]);
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** The report the backend stores, as its scanner makes it from the catalog entity. */
async function backendReport(): Promise<Report> {
  const config = readImageHealthConfig(
    new ConfigReader(appConfig(registry.host)),
  );
  const urlReader = await ServiceFactoryTester.from(
    mockServices.urlReader.factory(),
    {
      dependencies: [
        mockServices.rootConfig.factory({
          data: { backend: { reading: { allow: [{ host: files.host }] } } },
        }),
      ],
    },
  ).getSubject('image-health');
  const inspector = new ImageInspector({
    registries: config.registries,
    platform: config.platform,
    deepAnalysis: config.deepAnalysis,
  });
  const scanner = new EntityScanner({
    source: new DockerfileSource(urlReader, config.dockerfiles.maxBytes),
    inspector,
    listRules: () => [...listRules(), ...listImageRules()],
    logger: mockServices.logger.mock(),
    rules: config.rules,
    budgets: config.budgets,
    policy: config.policy,
    imageSettings: {},
    search: config.dockerfiles.search,
  });
  const entity = componentAt(files, 'shop', {
    source: '/repos/shop/',
    owner: 'team-shop',
    annotations: { 'image-health/image': image },
  });
  try {
    const outcome = await scanner.scan(
      targetFromEntity(entity, config.dockerfiles)!,
    );
    return {
      entityRef: 'component:default/shop',
      scannedAt: new Date().toISOString(),
      status: outcome.status as Report['status'],
      ...(outcome.error ? { error: outcome.error } : {}),
      score: outcome.score,
      dockerfiles: outcome.dockerfiles,
      images: outcome.images,
    };
  } finally {
    await inspector.close();
  }
}

/** The report `image-health scan --format json` prints for the same inputs. */
function cliReport(): Report {
  const run = spawnSync(
    process.execPath,
    [
      path.join(nodeEngine, 'bin/image-health'),
      'scan',
      '--dockerfile',
      'Dockerfile',
      '--image',
      image,
      '--insecure-registry',
      registry.host,
      '--deep',
      '--config',
      'app-config.yaml',
      '--policy',
      'app-config.yaml',
      '--entity',
      'component:default/shop',
      '--format',
      'json',
      '--fail-on',
      'none',
    ],
    { cwd: dir, encoding: 'utf8' },
  );
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout);
}

/** As stored or printed (JSON), without the time of the scan. */
function comparable(report: Report): Omit<Report, 'scannedAt'> {
  const { scannedAt: _scannedAt, ...rest } = JSON.parse(JSON.stringify(report));
  return rest;
}

describe('one scan pipeline', () => {
  it('gives the backend and the CLI the same report for the same inputs', async () => {
    const fromBackend = await backendReport();
    const fromCli = cliReport();
    expect(comparable(fromCli)).toEqual(comparable(fromBackend));

    // The settings reached both kinds of finding, by the ids as written.
    const ruleIds = [...fromCli.dockerfiles, ...fromCli.images].flatMap(r =>
      r.findings.map(f => f.ruleId),
    );
    expect(ruleIds).toEqual(expect.arrayContaining(['IMG003', 'IMG006']));
    expect(ruleIds).not.toContain('IMG001');
    expect(ruleIds).not.toContain('npm-install-instead-of-ci');
    expect(
      fromCli.images[0].findings.find(f => f.ruleId === 'IMG003')?.severity,
    ).toBe('warning');
    // The image's cache finding points at the Dockerfile line that made the layer.
    expect(
      fromCli.images[0].findings.find(f => f.ruleId === 'IMG006'),
    ).toMatchObject({ file: 'Dockerfile', line: 4 });
    // The policy reached both paths: the base on the Dockerfile's FROM line,
    // the user, labels and size on the image, and the score is capped.
    const policy = (r: { findings: Report['images'][0]['findings'] }) =>
      r.findings
        .filter(f => f.category === 'policy')
        .map(f => [f.ruleId, f.severity, f.line]);
    expect(policy(fromCli.dockerfiles[0])).toEqual([
      ['policy-forbidden-base-image', 'error', 1],
    ]);
    expect(policy(fromCli.images[0])).toEqual([
      ['policy-non-root', 'error', undefined],
      ['policy-required-label', 'error', undefined],
      ['policy-max-image-size', 'error', undefined],
    ]);
    expect(fromCli.score.value).toBeLessThanOrEqual(69);
    // Size is judged against the configured node budget on both paths.
    expect(fromCli.score.categories.size.detail).toMatch(
      /20\.0 KB node budget/,
    );
  });
});
