import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImageInspector } from '../image/inspector';
import { requireBinaries } from '../testing/binaries';
import { OciLayoutWriter, tarDirectory, writeTree } from '../testing/fixtures';

// The attack of issue 12: one tar entry whose path is ~1 MB of `a/a/a/…`.
// Before the path limits and the linear tree, `inspect --deep` ran for
// minutes at 741 MB RSS; now it answers at once, naming the limit.
jest.setTimeout(60_000);

let dir: string;
let layout: OciLayoutWriter;

/**
 * GNU tar's own bytes for one file whose path is 2^19 `a`s joined by `/`
 * (1,048,575 bytes, in a GNU long-name header): each --transform doubles
 * the name, so no such path need exist on disk.
 */
async function deepPathTar(): Promise<Buffer> {
  const work = join(dir, 'deep');
  await mkdir(work);
  await writeFile(join(work, 'a'), 'x\n');
  const doublings = Array.from({ length: 19 }, () => '--transform=s,a,a/a,g');
  return execFileSync('tar', ['-C', work, ...doublings, '-cf', '-', 'a'], {
    maxBuffer: 1 << 24,
  });
}

beforeAll(async () => {
  requireBinaries(['tar']);
  dir = await mkdtemp(join(tmpdir(), 'image-health-hostile-'));
  layout = await new OciLayoutWriter(join(dir, 'layout')).init();
  await writeTree(join(dir, 'base'), { 'etc/os-release': 'ID=test\n' });
  const base = await layout.layer(
    await tarDirectory(join(dir, 'base'), join(dir, 'base.tar')),
    'gzip',
  );
  const deep = await layout.layer(await deepPathTar(), 'gzip');
  await layout.image({
    tag: 'deep-path',
    layers: [base, deep],
    config: { User: 'app' },
  });
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('a layer with a 1 MB path', () => {
  it('inspect --deep answers at once with a finding naming imageHealth.deepAnalysis.maxPathBytes', async () => {
    const inspector = new ImageInspector({
      registries: [],
      allowLocalSources: true,
    });
    const result = await inspector.inspect(`oci:${layout.dir}:deep-path`, {
      deep: true,
    });
    expect(result.deepAnalysis).toMatchObject({
      complete: false,
      reason: expect.stringMatching(
        /path of 1048575 bytes, longer than 4096 .*imageHealth\.deepAnalysis\.maxPathBytes/,
      ),
    });
    expect(result.findings).toContainEqual(
      expect.objectContaining({
        message: expect.stringMatching(
          /^layer 2 .*imageHealth\.deepAnalysis\.maxPathBytes/,
        ),
      }),
    );
  });
});
