import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readLayer, sniffCompression, type LayerReadOptions } from './reader';
import { requireBinaries } from '../testing/binaries';
import type { TarEntry } from './tar';
import { ImageBudget } from './budget';
import { pack } from 'tar-stream';

/** Tar bytes from tar-stream, which writes names past 100 bytes as PAX headers. */
async function packTar(files: Array<[string, string]>): Promise<Buffer> {
  const archive = pack();
  for (const [name, content] of files) archive.entry({ name }, content);
  archive.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of archive) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

jest.setTimeout(30_000);

function tarWith(files: Record<string, number>): Buffer {
  // A minimal ustar writer is not needed: GNU tar from a shell pipeline builds the real thing.
  const script = Object.entries(files)
    .map(
      ([name, size]) =>
        `mkdir -p "$(dirname "$T/${name}")" && head -c ${size} /dev/urandom > "$T/${name}"`,
    )
    .join(' && ');
  return execFileSync(
    'sh',
    [
      '-c',
      `T=$(mktemp -d) && ${script} && tar --sort=name -C "$T" -cf - . && rm -rf "$T"`,
    ],
    { maxBuffer: 1 << 28 },
  );
}

const digest = (b: Buffer) =>
  `sha256:${createHash('sha256').update(b).digest('hex')}`;

async function read(
  blob: Buffer,
  extra: Partial<LayerReadOptions> = {},
  chunk = 64 * 1024,
) {
  const entries: TarEntry[] = [];
  const chunks: Buffer[] = [];
  for (let i = 0; i < blob.length; i += chunk)
    chunks.push(blob.subarray(i, i + chunk));
  const result = await readLayer(Readable.from(chunks), {
    onEntry: e => entries.push(e),
    maxUncompressedBytes: 1 << 30,
    maxEntries: 1e6,
    ...extra,
  });
  return { result, entries };
}

describe('readLayer', () => {
  let tar: Buffer;
  beforeAll(() => {
    requireBinaries(['tar', 'zstd']);
    tar = tarWith({ 'a/one': 1000, 'b/two': 300_000 });
  });

  it('reads gzip, zstd and plain tar to the same entries and verifies the digest', async () => {
    const gz = gzipSync(tar);
    const zst = execFileSync('zstd', ['-q', '-c'], { input: tar });
    expect([
      sniffCompression(gz),
      sniffCompression(zst),
      sniffCompression(tar),
    ]).toEqual(['gzip', 'zstd', 'none']);
    const outcomes = await Promise.all(
      [gz, zst, tar].map(b => read(b, { expectedDigest: digest(b) })),
    );
    for (const { result, entries } of outcomes) {
      expect(result.uncompressedBytes).toBe(tar.length);
      expect(
        entries.filter(e => e.type === 'file').map(e => [e.path, e.size]),
      ).toEqual([
        ['a/one', 1000],
        ['b/two', 300_000],
      ]);
    }
    expect(outcomes.map(o => o.result.compression)).toEqual([
      'gzip',
      'zstd',
      'none',
    ]);
  });

  it('reads concatenated gzip members and odd chunk sizes', async () => {
    const half = Math.floor(tar.length / 2);
    const multi = Buffer.concat([
      gzipSync(tar.subarray(0, half)),
      gzipSync(tar.subarray(half)),
    ]);
    const { entries } = await read(multi, {}, 777);
    expect(entries.filter(e => e.type === 'file')).toHaveLength(2);
  });

  it('refuses a blob whose bytes do not hash to its digest', async () => {
    await expect(
      read(gzipSync(tar), { expectedDigest: digest(Buffer.from('other')) }),
    ).rejects.toMatchObject({ reason: 'digest-mismatch' });
  });

  it('says truncated for a cut gzip or zstd stream', async () => {
    const gz = gzipSync(tar);
    await expect(read(gz.subarray(0, gz.length - 1000))).rejects.toMatchObject({
      reason: 'truncated',
    });
    const zst = execFileSync('zstd', ['-q', '-c'], { input: tar });
    await expect(
      read(zst.subarray(0, zst.length - 1000)),
    ).rejects.toMatchObject({
      reason: expect.stringMatching(/truncated|corrupt/),
    });
  });

  it('stops a decompression bomb at the byte cap', async () => {
    const bomb = gzipSync(Buffer.alloc(24 * 1024 * 1024), { level: 1 });
    await expect(
      read(bomb, { maxUncompressedBytes: 4 * 1024 * 1024 }),
    ).rejects.toMatchObject({ reason: 'too-large' });
  });

  it('stops at a path longer than maxPathBytes or deeper than maxPathDepth, naming the limit', async () => {
    const long = await packTar([[`${'x/'.repeat(200)}file`, 'hi']]);
    await expect(
      read(long, { limits: { maxPathBytes: 256 } }),
    ).rejects.toMatchObject({
      reason: 'path-too-long',
      limit: 'maxPathBytes',
      message: expect.stringContaining('imageHealth.deepAnalysis.maxPathBytes'),
    });
    await expect(
      read(long, { limits: { maxPathDepth: 100 } }),
    ).rejects.toMatchObject({
      reason: 'path-too-deep',
      limit: 'maxPathDepth',
      message: expect.stringContaining('imageHealth.deepAnalysis.maxPathDepth'),
    });
    const { entries } = await read(long);
    expect(entries.map(e => e.path)).toEqual([`${'x/'.repeat(200)}file`]);
  });

  it('counts entries and bytes of all layers of an image against its limits', async () => {
    const imageBudget = new ImageBudget();
    const limits = { maxImageBytes: tar.length * 2 + 1 };
    await read(gzipSync(tar), { imageBudget, limits });
    await read(gzipSync(tar), { imageBudget, limits });
    await expect(
      read(gzipSync(tar), { imageBudget, limits }),
    ).rejects.toMatchObject({
      limit: 'maxImageBytes',
      message: expect.stringContaining(
        'imageHealth.deepAnalysis.maxImageBytes',
      ),
    });
    const entries = new ImageBudget();
    await read(tar, { imageBudget: entries, maxEntries: 5 });
    await expect(
      read(tar, { imageBudget: entries, maxEntries: 5 }),
    ).rejects.toMatchObject({ limit: 'maxEntries' });
  });
});
