import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeDockerfile } from '../dockerfile/analyze';
import { parseImageReference } from '../dockerfile/values';
import { RegistryClient } from '../registry';
import { nextPageMarker } from '../registry/tags';
import { requireBinaries } from '../testing/binaries';
import {
  OciLayoutWriter,
  pushLayout,
  tarDirectory,
  writeTree,
} from '../testing/fixtures';
import { startRegistry, type TestRegistry } from '../testing/registry';
import { BaseImageMeasurer } from './measure';
import { refineBaseImageFindings } from './refine';
import { buildReport } from '../scan';
import { runScan } from '../cli/scan';
import { writeFile } from 'node:fs/promises';

jest.setTimeout(120_000);

const NOW = new Date('2026-12-03T12:00:00Z');
let dir: string;
let registry: TestRegistry;
let client: RegistryClient;

/** Tags of a stand-in `node` repository, each one layer of incompressible bytes. */
const TAGS: Record<string, number> = {
  '18': 400_000,
  '18.20.8': 400_000,
  '18-slim': 150_000,
  '24': 420_000,
  '24-slim': 160_000,
  '24-alpine': 60_000,
  lts: 420_000,
};

beforeAll(async () => {
  requireBinaries(['docker-registry', 'skopeo', 'tar']);
  dir = await mkdtemp(join(tmpdir(), 'image-health-measure-'));
  registry = await startRegistry({ dir, storage: join(dir, 'storage') });
  const layout = await new OciLayoutWriter(join(dir, 'layout')).init();
  for (const [tag, bytes] of Object.entries(TAGS)) {
    const root = join(dir, `tree-${tag}`);
    await writeTree(root, {
      'usr/lib/payload': randomBytes(bytes).toString('latin1'),
    });
    const layer = await layout.layer(
      await tarDirectory(root, `${root}.tar`),
      'gzip',
    );
    await layout.image({ tag, layers: [layer], config: {} });
    await pushLayout(
      join(dir, 'layout'),
      tag,
      `${registry.host}/library/node:${tag}`,
    );
  }
  client = new RegistryClient({
    registries: [{ host: registry.host, insecure: true }],
  });
});

afterAll(async () => {
  await client?.close();
  await registry?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

function measurer(mirrors?: Record<string, string>) {
  return new BaseImageMeasurer({ client, mirrors, now: () => NOW });
}

const node18 = parseImageReference('node:18', new Map());

describe('BaseImageMeasurer', () => {
  it('reads tags and sizes of docker.io images from the configured mirror', async () => {
    const m = await measurer({ 'docker.io': registry.host }).measure(node18);
    expect(m).toMatchObject({
      registry: registry.host,
      measuredAt: '2026-12-03',
      repository: 'node',
      current: { tag: '18' },
      newestInCycle: { tag: '18.20.8' },
      recommended: { tag: '24' },
    });
    expect(m!.slimmer.map(s => s.tag)).toEqual(['24-slim', '24-alpine']);
    // Sizes come from the manifests: the layer's gzip bytes plus the config.
    expect(m!.recommended!.compressedBytes).toBeGreaterThan(420_000);
    expect(m!.slimmer[0].compressedBytes).toBeLessThan(200_000);
  });

  it('asks no registry that is not configured', async () => {
    const before = client.stats.total;
    expect(await measurer().measure(node18)).toBeUndefined();
    expect(
      await measurer({ 'docker.io': 'registry.example.invalid' }).measure(
        node18,
      ),
    ).toBeUndefined();
    expect(client.stats.total).toBe(before);
  });

  it('lists tags once per repository and tag for the cache lifetime', async () => {
    const cached = measurer({ 'docker.io': registry.host });
    await cached.measure(node18);
    const after = client.stats.byKind.tags ?? 0;
    await cached.measure(node18);
    expect(client.stats.byKind.tags).toBe(after);
  });
});

describe('refineBaseImageFindings', () => {
  it('puts measured sizes and tags into the end-of-life and heavy findings', async () => {
    const result = analyzeDockerfile({
      location: 'Dockerfile',
      content: 'FROM node:18\nCOPY . /app\nCMD ["node", "/app/index.js"]\n',
      now: NOW,
    });
    const refined = await refineBaseImageFindings(
      result,
      measurer({ 'docker.io': registry.host }),
    );
    const eol = refined.findings.find(
      f => f.ruleId === 'base-image-end-of-life',
    )!;
    expect(eol.message).toMatch(
      new RegExp(
        `node:18 → node:24: .* → .* compressed, measured from ${registry.host.replace(
          '.',
          '\\.',
        )} on 2026-12-03`,
      ),
    );
    const heavy = refined.findings.find(f => f.ruleId === 'base-image-heavy')!;
    expect(heavy.message).toMatch(
      /^node:24 is .* compressed; node:24-slim is .*, measured from/,
    );
    expect(heavy.remediation.after).toBe('FROM node:24-slim');
  });

  it('leaves the table estimate where no registry may be asked', async () => {
    const result = analyzeDockerfile({
      location: 'Dockerfile',
      content: 'FROM node:18\nCMD ["node", "index.js"]\n',
      now: NOW,
    });
    const refined = await refineBaseImageFindings(result, measurer());
    expect(refined.findings).toEqual(result.findings);
    expect(
      refined.findings.find(f => f.ruleId === 'base-image-heavy')!.message,
    ).toMatch(/about \d+ MB/);
  });
});

describe('the scan pipeline', () => {
  it('measures base images when given a measurer, on the scan date', async () => {
    const { report } = await buildReport({
      entityRef: 'component:default/storefront-web',
      dockerfiles: [
        {
          kind: 'read',
          location: 'Dockerfile',
          content: 'FROM node:18\nCMD ["node", "index.js"]\n',
        },
      ],
      images: [],
      baseImages: measurer({ 'docker.io': registry.host }),
      scannedAt: NOW.toISOString(),
    });
    const eol = report.dockerfiles[0].findings.find(
      f => f.ruleId === 'base-image-end-of-life',
    );
    expect(eol?.message).toMatch(/measured from .* on 2026-12-03/);
  });
});

describe('image-health scan --base-image-mirror', () => {
  it('measures the FROM image from the mirror', async () => {
    await writeFile(
      join(dir, 'Dockerfile'),
      'FROM node:18\nCMD ["node", "index.js"]\n',
    );
    let out = '';
    const code = await runScan(
      [
        '--dockerfile',
        'Dockerfile',
        '--base-image-mirror',
        `docker.io=${registry.host}`,
        '--insecure-registry',
        registry.host,
        '--format',
        'json',
        '--fail-on',
        'none',
      ],
      { cwd: dir, stdout: t => (out += t), stderr: () => {} },
    );
    expect(code).toBe(0);
    const heavy = JSON.parse(out).dockerfiles[0].findings.find(
      (f: { ruleId: string }) => f.ruleId === 'base-image-heavy',
    );
    expect(heavy.message).toMatch(/node:24-slim is .*, measured from/);
    expect(heavy.remediation.after).toBe('FROM node:24-slim');
  });
});

describe('nextPageMarker', () => {
  it.each([
    ['</v2/library/node/tags/list?n=2&last=18-slim>; rel="next"', '18-slim'],
    ['<https://elsewhere.example/v2/x/tags/list?last=b&n=1>; rel="next"', 'b'],
    ['</v2/library/node/tags/list?n=2>; rel="next"', undefined],
    ['</v2/x?last=a>; rel="prev"', undefined],
    [undefined, undefined],
    ['not a link', undefined],
  ])('%j → %j', (link, marker) => {
    expect(nextPageMarker(link)).toBe(marker);
  });
});
