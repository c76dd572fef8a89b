import { ImageFileTree } from './filetree';
import type { TarEntry } from './tar';

const file = (path: string, size: number): TarEntry => ({
  path,
  type: 'file',
  size,
  mode: 0o644,
  uid: 0,
  gid: 0,
});
const dir = (path: string): TarEntry => ({
  path,
  type: 'dir',
  size: 0,
  mode: 0o755,
  uid: 0,
  gid: 0,
});
const whiteout = (path: string): TarEntry =>
  file(path.replace(/([^/]+)$/, '.wh.$1'), 0);

function build(...layers: TarEntry[][]): ImageFileTree {
  const tree = new ImageFileTree();
  for (const layer of layers) tree.addLayer(layer);
  return tree;
}

describe('ImageFileTree (dive definitions)', () => {
  it('is 100% efficient when no path is written twice', () => {
    const tree = build([dir('a'), file('a/x', 10)], [file('b', 5)]);
    expect(tree.efficiency).toBe(1);
    expect(tree.wastedBytes).toBe(0);
    expect(tree.reclaimableBytes).toBe(0);
  });

  it('counts every copy of an overwritten file as wasted, and the older copies as reclaimable', () => {
    const tree = build([file('f', 100)], [file('f', 40)], [file('f', 60)]);
    expect(tree.wastedBytes).toBe(200);
    expect(tree.efficiency).toBeCloseTo(40 / 200, 12);
    expect(tree.reclaimableBytes).toBe(140);
    expect(tree.inefficiencies()).toEqual([
      { path: '/f', cumulativeBytes: 200, occurrences: 3 },
    ]);
  });

  it('counts a deleted file at 0 for dive, at its size for reclaimable', () => {
    const tree = build(
      [file('tmp/junk', 500), file('keep', 100)],
      [dir('tmp'), whiteout('tmp/junk')],
    );
    expect(tree.wastedBytes).toBe(500);
    expect(tree.efficiency).toBeCloseTo(100 / 600, 12);
    expect(tree.reclaimableBytes).toBe(500);
    expect(tree.lookup('tmp/junk')).toBeUndefined();
  });

  it('sizes a deleted directory by what it held, as dive does', () => {
    const tree = build(
      [file('d/a', 100), file('d/b', 200), file('d/sub/c', 50)],
      [whiteout('d')],
    );
    // dive visits the whiteout once: the path "d" appears in one layer only, so nothing is "wasted"
    expect(tree.wastedBytes).toBe(0);
    expect(tree.efficiency).toBe(1);
    expect(tree.reclaimableBytes).toBe(350);
  });

  it('applies opaque directories to lower layers only', () => {
    const tree = build(
      [file('o/old', 50), file('o/keep-not', 7)],
      [dir('o'), file('o/.wh..wh..opq', 0), file('o/new', 5)],
    );
    expect([...tree.lookup('o')!.children!.keys()]).toEqual(['new']);
    expect(tree.reclaimableBytes).toBe(57);
    expect(tree.wastedBytes).toBe(0);
  });

  it('replaces a file by a directory and a directory by a file', () => {
    const tree = build(
      [file('p', 10), file('q/x', 20)],
      [file('p/inner', 1), file('q', 3)],
    );
    expect(tree.lookup('p')!.type).toBe('dir');
    expect(tree.lookup('q')).toMatchObject({ type: 'file', size: 3 });
    expect(tree.reclaimableBytes).toBe(30);
  });

  it('keeps the bytes of a deleted file that a hard link still reaches', () => {
    const link = {
      path: 'b',
      type: 'hardlink' as const,
      size: 0,
      mode: 0o644,
      uid: 0,
      gid: 0,
      linkname: './a',
    };
    const tree = build([file('a', 100), link], [whiteout('a')]);
    expect(tree.lookup('b')).toMatchObject({ type: 'file', size: 100 });
    expect(tree.reclaimableBytes).toBe(0);
    const both = build([file('a', 100), link], [whiteout('a'), whiteout('b')]);
    expect(both.reclaimableBytes).toBe(100);
  });

  it('keeps links as links', () => {
    const tree = build([
      file('bin/busybox', 1000),
      {
        path: 'bin/sh',
        type: 'symlink',
        size: 0,
        mode: 0o777,
        uid: 0,
        gid: 0,
        linkname: 'busybox',
      },
      {
        path: 'bin/ash',
        type: 'hardlink',
        size: 0,
        mode: 0o755,
        uid: 0,
        gid: 0,
        linkname: 'bin/busybox',
      },
    ]);
    expect(tree.lookup('bin/sh')).toMatchObject({
      type: 'symlink',
      linkname: 'busybox',
    });
    expect(tree.lookup('bin/ash')).toMatchObject({ type: 'hardlink' });
    expect(tree.efficiency).toBe(1);
  });
});

describe('ImageFileTree on hostile paths', () => {
  // ~1 MB of `a/a/a/…`: quadratic tree building took minutes and gigabytes on this
  const deepPath = Array.from({ length: 500_000 }, () => 'a').join('/');

  it('builds a 500,000-deep path in time linear in its bytes (an operator may raise the path limits)', () => {
    const tree = new ImageFileTree({ maxEntries: 1_000_000 });
    tree.addLayer([file(deepPath, 7)]);
    tree.addLayer([file(deepPath, 9)]);
    expect(tree.lookup(deepPath)).toMatchObject({ type: 'file', size: 9 });
    expect(tree.wastedBytes).toBe(16);
    expect(tree.reclaimableBytes).toBe(7);
    tree.addLayer([whiteout('a')]);
    expect(tree.lookup('a')).toBeUndefined();
    expect(tree.reclaimableBytes).toBe(16);
  });

  it('stops at maxEntries when paths imply more directories than entries list, naming the limit', () => {
    const tree = new ImageFileTree({ maxEntries: 1000 });
    expect(() => tree.addLayer([file(deepPath, 1)])).toThrow(
      /more than 1000 directories .*imageHealth\.deepAnalysis\.maxEntries/,
    );
  });
});
