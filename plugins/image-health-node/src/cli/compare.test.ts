import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path, { join } from 'node:path';
import type { ReportComparison } from '@image-health/plugin-image-health-common';
import { requireBinaries } from '../testing/binaries';
import { OciLayoutWriter, tarDirectory, writeTree } from '../testing/fixtures';
import { runCompare } from './compare';

jest.setTimeout(60_000);

const EXAMPLES = path.resolve(__dirname, '../../../../examples');

let dir: string;
let layoutDir: string;

async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  let code: number;
  try {
    code = await runCompare(args, {
      cwd: EXAMPLES,
      stdout: t => (stdout += t),
      stderr: t => (stderr += t),
    });
  } catch (error) {
    // main() prints a thrown input error as one line and exits 2.
    stderr += `${(error as Error).message}\n`;
    code = 2;
  }
  return { code, stdout, stderr };
}

beforeAll(async () => {
  requireBinaries(['tar']);
  dir = await mkdtemp(join(tmpdir(), 'image-health-compare-'));
  layoutDir = join(dir, 'layout');
  const layout = await new OciLayoutWriter(layoutDir).init();
  const layerOf = async (name: string, files: Record<string, string>) => {
    await writeTree(join(dir, name), files);
    return layout.layer(
      await tarDirectory(join(dir, name), join(dir, `${name}.tar`)),
      'gzip',
    );
  };
  // v1: a base, a layer with the apt lists and a 300 KB cache, the app.
  // v2: the same base, one layer with the app only: the cache is gone and the binary grew.
  const base = await layerOf('base', { 'etc/os-release': 'ID=debian\n' });
  const heavy = await layerOf('heavy', {
    'var/lib/apt/lists/index': 'x'.repeat(300_000),
    'app/server': 'b'.repeat(50_000),
  });
  const light = await layerOf('light', { 'app/server': 'b'.repeat(80_000) });
  await layout.image({ tag: 'v1', layers: [base, heavy], config: {} });
  await layout.image({
    tag: 'v2',
    layers: [base, light],
    config: { User: 'app' },
  });
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('image-health compare', () => {
  it('compares the example apt pair Dockerfiles: the layer findings are fixed', async () => {
    const { code, stdout } = await run([
      'apt-layer-pile/Dockerfile',
      'apt-single-layer/Dockerfile',
      '--format',
      'json',
    ]);
    expect(code).toBe(0);
    const comparison = JSON.parse(stdout) as ReportComparison;
    const fixed = comparison.findingsFixed.map(f => f.ruleId);
    expect(fixed).toContain('consecutive-run');
    // Only info findings are "introduced": the slim base's names another
    // image, and the new USER names a user where runAsNonRoot wants a uid.
    expect(
      comparison.findingsIntroduced.map(f => [f.ruleId, f.severity]),
    ).toEqual([
      ['base-image-not-pinned-by-digest', 'info'],
      ['user-non-numeric', 'info'],
    ]);
    expect(comparison.score.delta).toBeGreaterThan(0);
  });

  it('compares two images layer by layer, with the largest files under --deep', async () => {
    const { code, stdout } = await run([
      `oci:${layoutDir}:v1`,
      `oci:${layoutDir}:v2`,
      '--deep',
      '--format',
      'json',
    ]);
    expect(code).toBe(0);
    const [image] = (JSON.parse(stdout) as ReportComparison).images;
    expect(image).toMatchObject({
      layersUnchanged: 1,
      layersAdded: 1,
      layersRemoved: 1,
      userIsRoot: { before: true, after: false },
    });
    expect(image.compressedBytes.delta).toBeLessThan(0);
    expect(image.largestFiles).toEqual(
      expect.arrayContaining([
        {
          path: '/var/lib/apt/lists/index',
          change: 'left',
          before: 300_000,
        },
        { path: '/app/server', change: 'grown', before: 50_000, after: 80_000 },
      ]),
    );
  });

  it('writes text for a terminal and markdown for a pull request', async () => {
    const text = await run([`oci:${layoutDir}:v1`, `oci:${layoutDir}:v2`]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(
      /layers: +2 → 2 \(1 unchanged, 1 added, 1 removed\)/,
    );
    expect(text.stdout).toMatch(/runs as root: true → false/);
    const markdown = await run([
      'apt-layer-pile/Dockerfile',
      'apt-single-layer/Dockerfile',
      '--format',
      'markdown',
    ]);
    expect(markdown.stdout).toMatch(
      /^### Image Health: `apt-layer-pile\/Dockerfile` → `apt-single-layer\/Dockerfile`/,
    );
    expect(markdown.stdout).toMatch(
      /\| findings \| \| \| \d+ fixed, 2 introduced \|/,
    );
  });

  it.each([
    [['apt-layer-pile/Dockerfile'], /give exactly two inputs/],
    [
      ['a', 'b', '--format', 'sarif'],
      /--format must be one of text, json, markdown/,
    ],
    [
      ['oci:/nonexistent:v1', 'apt-layer-pile/Dockerfile'],
      /oci:\/nonexistent:v1: /,
    ],
  ])('exits 2 with one line for %j', async (args, message) => {
    const { code, stderr } = await run(args as string[]);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });
});
