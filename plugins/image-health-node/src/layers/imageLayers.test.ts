import { createReadStream, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { Readable } from 'node:stream';
import { requireBinaries } from '../testing/binaries';
import {
  OciLayoutWriter,
  tarDirectory,
  writeTree,
  type BlobDescriptor,
  type FixtureFile,
} from '../testing/fixtures';
import { analyzeTree } from './analysis';
import {
  captureContent,
  ImageCaptures,
  wantsContent,
  type LayerCaptures,
} from './captures';
import { isLimitError } from './errors';
import { ImageFileTree } from './filetree';
import { analyzeImageLayers } from './imageLayers';
import { readLayer } from './reader';
import type { TarEntry } from './tar';

jest.setTimeout(30_000);

let dir: string;
let layout: OciLayoutWriter;
let layers: BlobDescriptor[];

const blobPath = (layer: { digest: string }) =>
  join(layout.dir, 'blobs', 'sha256', layer.digest.slice(7));
const openBlob = async (layer: { digest: string }) =>
  createReadStream(blobPath(layer), { highWaterMark: 64 * 1024 });

async function layerOf(
  name: string,
  files: Record<string, FixtureFile>,
  compression: 'gzip' | 'zstd' | 'none',
): Promise<BlobDescriptor> {
  const root = join(dir, name);
  await writeTree(root, files);
  const tar = await tarDirectory(root, join(dir, `${name}.tar`));
  return (await layout.layer(tar, compression)).descriptor;
}

/** The same analysis on this thread, layer after layer, for comparison. */
async function analyzeHere(descriptors: BlobDescriptor[]) {
  const tree = new ImageFileTree();
  const captures = new ImageCaptures();
  for (const [index, descriptor] of descriptors.entries()) {
    const entries: TarEntry[] = [];
    const kept: LayerCaptures = {};
    await readLayer(await openBlob(descriptor), {
      expectedDigest: descriptor.digest,
      onEntry: entry => entries.push(entry),
      wantContent: wantsContent,
      onContent: (entry, content) => captureContent(kept, entry, content),
    });
    tree.addLayer(entries);
    captures.add(index, kept);
  }
  return { tree, facts: analyzeTree(tree, captures.treeOptions()) };
}

beforeAll(async () => {
  requireBinaries(['tar', 'zstd']);
  dir = await mkdtemp(join(tmpdir(), 'image-health-layers-'));
  layout = await new OciLayoutWriter(join(dir, 'layout')).init();
  const noise = (n: number, seed: number) =>
    Buffer.from(
      Array.from({ length: n }, (_, i) => (i * 2654435761 + seed) % 251),
    );
  layers = [
    await layerOf(
      'base',
      {
        'etc/passwd':
          'root:x:0:0:root:/root:/bin/sh\ntoor:x:0:0:root:/root:/bin/sh\n',
        'usr/bin/su': { content: noise(3000, 1), mode: 0o4755 },
        'var/lib/apt/lists/main': noise(200_000, 2),
        'tmp/junk': noise(150_000, 3),
      },
      'gzip',
    ),
    await layerOf(
      'app',
      {
        'app/.env': 'API_TOKEN=x\n',
        'srv/tls/unnamed.pem':
          '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIFake\n-----END EC PRIVATE KEY-----\n',
        'app/data.bin': noise(400_000, 4),
        'tmp/.wh.junk': '',
      },
      'zstd',
    ),
    await layerOf('again', { 'app/data.bin': noise(100_000, 5) }, 'none'),
  ];
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('analyzeImageLayers (worker threads)', () => {
  it('gives the same numbers and facts as reading the layers one by one on this thread', async () => {
    const here = await analyzeHere(layers);
    const result = await analyzeImageLayers(layers, openBlob, {
      parallelLayers: 2,
    });
    expect(result.failure).toBeUndefined();
    expect(result.files).toBeGreaterThan(10);
    expect(result.uncompressed).toHaveLength(3);
    expect(result.tree).toEqual({
      efficiency: here.tree.efficiency,
      wastedBytes: here.tree.wastedBytes,
      reclaimableBytes: here.tree.reclaimableBytes,
      layerReclaimableBytes: here.tree.layerReclaimableBytes,
      inefficiencies: here.tree.inefficiencies(20),
      facts: here.facts,
    });
    // and they are the facts a user is shown
    expect(result.tree!.reclaimableBytes).toBe(150_000 + 400_000);
    expect(result.tree!.facts.secretFiles.map(f => f.path).sort()).toEqual([
      '/app/.env',
      '/srv/tls/unnamed.pem',
    ]);
    expect(result.tree!.facts.setuidFiles.map(f => f.path)).toEqual([
      '/usr/bin/su',
    ]);
    expect(result.tree!.facts.accounts.duplicateUids).toEqual([
      { id: '0', names: ['root', 'toor'] },
    ]);
  });

  it('stops at maxLayers before reading anything', async () => {
    const result = await analyzeImageLayers(layers, openBlob, {
      limits: { maxLayers: 2 },
    });
    expect(isLimitError(result.failure?.error)).toBe(true);
    expect(String((result.failure?.error as Error).message)).toMatch(
      /3 layers, more than 2 .*imageHealth\.deepAnalysis\.maxLayers/,
    );
  });

  it('counts entries of all layers together against maxEntries, across threads', async () => {
    const result = await analyzeImageLayers(layers, openBlob, {
      limits: { maxEntries: 12 },
      parallelLayers: 3,
    });
    expect(result.tree).toBeUndefined();
    expect(result.failure?.error).toMatchObject({
      limit: 'maxEntries',
      message: expect.stringContaining('imageHealth.deepAnalysis.maxEntries'),
    });
  });

  it('reports the first failing layer: a limit inside a thread, or the error openBlob threw', async () => {
    const limited = await analyzeImageLayers(layers, openBlob, {
      limits: { maxLayerBytes: 390_000 },
    });
    expect(limited.failure).toMatchObject({
      layer: 1,
      error: { reason: 'too-large', limit: 'maxLayerBytes' },
    });

    const gone = new Error('blob unknown to registry');
    const broken = await analyzeImageLayers(layers, async layer => {
      if (layer === layers[2]) throw gone;
      return openBlob(layer);
    });
    expect(broken.failure).toEqual({ layer: 2, error: gone });

    const cut = await analyzeImageLayers(layers, async layer =>
      layer === layers[0]
        ? Readable.from([
            readFileSync(blobPath(layer)).subarray(0, layer.size / 2),
          ])
        : openBlob(layer),
    );
    expect(cut.failure).toMatchObject({
      layer: 0,
      error: { reason: 'truncated' },
    });
  });

  it('gives each image its own threads state: the same image after a failed one reads the same', async () => {
    const first = await analyzeImageLayers(layers, openBlob, {
      parallelLayers: 2,
    });
    const failed = await analyzeImageLayers(layers, openBlob, {
      limits: { maxEntries: 12 },
      parallelLayers: 3,
    });
    expect(failed.failure).toBeDefined();
    const again = await analyzeImageLayers(layers, openBlob, {
      parallelLayers: 3,
    });
    const twice = await analyzeImageLayers(layers, openBlob, {
      parallelLayers: 3,
    });
    expect(again).toEqual(first);
    expect(twice).toEqual(first);
  });

  it('lets the process exit after an analysis: the threads kept for the next image do not hold it', () => {
    const script = `
      const { createReadStream } = require('node:fs');
      const { analyzeImageLayers } = require(${JSON.stringify(
        require.resolve('./imageLayers'),
      )});
      const layers = ${JSON.stringify(layers)};
      const blob = ${JSON.stringify(join(layout.dir, 'blobs', 'sha256'))};
      analyzeImageLayers(layers, async l =>
        createReadStream(blob + '/' + l.digest.slice(7)),
      ).then(r => console.log(r.tree.reclaimableBytes));
    `;
    const run = spawnSync(
      process.execPath,
      [
        '--require',
        require.resolve('@backstage/cli/config/nodeTransform.cjs'),
        '--eval',
        script,
      ],
      // threads idle for 10 s before they are ended; the process must not wait for that
      { encoding: 'utf8', timeout: 8_000 },
    );
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe(String(150_000 + 400_000));
    expect(run.status).toBe(0);
  });
});
