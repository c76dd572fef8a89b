import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireBinaries } from '../testing/binaries';
import { writeTree } from '../testing/fixtures';
import { run } from '../testing/processes';
import { TarHeaderReader, type TarEntry } from './tar';
import { readFile } from 'node:fs/promises';

jest.setTimeout(30_000);

let dir: string;
const longDir = `${'deep-directory-name/'.repeat(8)}leaf`;

beforeAll(async () => {
  requireBinaries(['tar']);
  dir = await mkdtemp(join(tmpdir(), 'image-health-tar-'));
  await writeTree(join(dir, 'root'), {
    [`${longDir}/file-with-a-long-name.txt`]: 'x'.repeat(1234),
    'bin/tool': { content: 'tool', mode: 0o4755 },
    'bin/alias': { hardlink: 'bin/tool' },
    'bin/link': { symlink: `../${'t'.repeat(150)}` },
    'empty/': { dir: true },
  });
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function tarOf(format: string): Promise<Buffer> {
  const out = join(dir, `${format}.tar`);
  await run('tar', [
    `--format=${format}`,
    '--sort=name',
    '-C',
    join(dir, 'root'),
    '-cf',
    out,
    '.',
  ]);
  return readFile(out);
}

function read(tar: Buffer, chunk: number): TarEntry[] {
  const entries: TarEntry[] = [];
  const reader = new TarHeaderReader({ onEntry: e => entries.push(e) });
  for (let i = 0; i < tar.length; i += chunk)
    reader.push(tar.subarray(i, i + chunk));
  reader.end();
  return entries;
}

describe('TarHeaderReader', () => {
  it.each(['gnu', 'pax', 'posix'])(
    'reads %s archives in any chunking',
    async format => {
      const tar = await tarOf(format);
      const whole = read(tar, tar.length);
      expect(read(tar, 1)).toEqual(whole);
      expect(read(tar, 700)).toEqual(whole);
      const byPath = Object.fromEntries(whole.map(e => [e.path, e]));
      expect(byPath[`${longDir}/file-with-a-long-name.txt`]).toMatchObject({
        type: 'file',
        size: 1234,
      });
      // sorted by name, the first of the two links to one inode carries the content
      expect(byPath['bin/alias']).toMatchObject({
        type: 'file',
        size: 4,
        mode: 0o4755,
      });
      expect(byPath['bin/tool']).toMatchObject({
        type: 'hardlink',
        size: 0,
        linkname: './bin/alias',
      });
      expect(byPath['bin/link']).toMatchObject({
        type: 'symlink',
        linkname: `../${'t'.repeat(150)}`,
      });
      expect(byPath.empty).toMatchObject({ type: 'dir' });
    },
  );

  it('says a tar that stops inside a file is truncated', async () => {
    const tar = await tarOf('gnu');
    expect(() => read(tar.subarray(0, 3000), 512)).toThrow(/truncated/);
  });

  it('says bytes that are not a tar are corrupt', () => {
    expect(() => read(Buffer.alloc(1024, 0x41), 1024)).toThrow(
      /not a valid tar/,
    );
  });
});
