import type { TarEntry, TarEntryType } from './tar';

/** One path of the merged image filesystem. */
export interface FileNode {
  name: string;
  type: TarEntryType;
  size: number;
  mode: number;
  uid: number;
  gid: number;
  /** Index of the layer that last wrote this path; directories made implicitly get the layer that needed them. */
  layer: number;
  linkname?: string;
  children?: Map<string, FileNode>;
  /** Hard links (same layer) that share this file's content. */
  hardlinks?: FileNode[];
  /** Set once overwritten or deleted. */
  removed?: boolean;
}

/** A path that more than one layer touched, as dive lists it. */
export interface Inefficiency {
  path: string;
  /** Sum of the sizes of every copy (deletions of directories count what they hid). */
  cumulativeBytes: number;
  occurrences: number;
}

interface PathRecord {
  cumulative: number;
  min: number;
  count: number;
}

const WHITEOUT = '.wh.';
const OPAQUE = '.wh..wh..opq';

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function dirName(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

function joinPath(dir: string, name: string): string {
  return dir ? `${dir}/${name}` : name;
}

/**
 * The image's filesystem built layer by layer (whiteouts and opaque
 * directories applied), with dive's efficiency bookkeeping alongside.
 *
 * dive's definitions (filetree/efficiency.go): every leaf path of every layer
 * is visited; a path's cumulative size is the sum over its copies (a whiteout
 * counts the size of the directory it deletes, 0 for a file), its minimum the
 * smallest copy; efficiency = Σ minimum / Σ cumulative; wasted bytes = Σ
 * cumulative over paths seen in more than one layer. Like dive, opaque-dir
 * markers are not counted as paths; unlike dive, they are applied to the tree.
 */
export class ImageFileTree {
  readonly root: FileNode = {
    name: '',
    type: 'dir',
    size: 0,
    mode: 0o755,
    uid: 0,
    gid: 0,
    layer: -1,
    children: new Map(),
  };
  private readonly paths = new Map<string, PathRecord>();
  /** Per layer: bytes of its files that a later layer overwrote or deleted. */
  readonly layerReclaimableBytes: number[] = [];
  /** Per layer: bytes of regular file content it shipped. */
  readonly layerFileBytes: number[] = [];
  layers = 0;

  /** Applies the next layer's entries (in tar order). */
  addLayer(entries: Iterable<TarEntry>): void {
    const layer = this.layers++;
    this.layerReclaimableBytes[layer] = 0;
    this.layerFileBytes[layer] = 0;
    const byPath = new Map<string, TarEntry>();
    for (const entry of entries) if (entry.path) byPath.set(entry.path, entry);

    // dive visits the leaves of each layer's own tree
    const parents = new Set<string>();
    for (const path of byPath.keys()) {
      if (baseName(path).startsWith(OPAQUE)) continue;
      for (
        let i = path.lastIndexOf('/');
        i > 0;
        i = path.lastIndexOf('/', i - 1)
      ) {
        const parent = path.slice(0, i);
        if (parents.has(parent)) break;
        parents.add(parent);
      }
    }
    for (const [path, entry] of byPath) {
      const name = baseName(path);
      if (name.startsWith(OPAQUE) || parents.has(path)) continue;
      if (name.startsWith(WHITEOUT)) {
        const target = joinPath(dirName(path), name.slice(WHITEOUT.length));
        const previous = this.lookup(target);
        this.record(
          target,
          previous?.type === 'dir' ? subtreeBytes(previous) : 0,
        );
      } else {
        this.record(path, entry.size);
      }
    }

    // Deletions apply to lower layers only, so they go before this layer's additions.
    for (const path of byPath.keys()) {
      const name = baseName(path);
      if (!name.startsWith(WHITEOUT)) continue;
      if (name === OPAQUE) {
        const dir = this.lookup(dirName(path));
        if (dir?.children) {
          for (const child of dir.children.values()) this.reclaim(child);
          dir.children.clear();
        }
      } else if (!name.startsWith(OPAQUE)) {
        const dir = this.lookup(dirName(path));
        const targetName = name.slice(WHITEOUT.length);
        const target = dir?.children?.get(targetName);
        if (target) {
          this.reclaim(target);
          dir!.children!.delete(targetName);
        }
      }
    }

    for (const [path, entry] of byPath) {
      if (baseName(path).startsWith(WHITEOUT)) continue;
      this.layerFileBytes[layer] += entry.size;
      const parent = this.ensureDir(dirName(path), layer);
      const name = baseName(path);
      const existing = parent.children!.get(name);
      if (existing && existing.type === 'dir' && entry.type === 'dir') {
        existing.mode = entry.mode;
        existing.uid = entry.uid;
        existing.gid = entry.gid;
        existing.layer = layer;
        continue;
      }
      if (existing) this.reclaim(existing);
      const node: FileNode = {
        name,
        type: entry.type,
        size: entry.size,
        mode: entry.mode,
        uid: entry.uid,
        gid: entry.gid,
        layer,
        linkname: entry.linkname,
        children: entry.type === 'dir' ? new Map() : undefined,
      };
      parent.children!.set(name, node);
      if (entry.type === 'hardlink' && entry.linkname) {
        // A tar hard link points at an earlier entry of the same layer, which carries the bytes.
        const target = this.lookup(normalizeLink(entry.linkname));
        if (target?.type === 'file' && target.layer === layer) {
          (target.hardlinks ??= []).push(node);
        }
      }
    }
  }

  /** dive's efficiency score, 0..1 (1 when nothing was ever written twice). */
  get efficiency(): number {
    let minimum = 0;
    let discovered = 0;
    for (const record of this.paths.values()) {
      minimum += record.min;
      discovered += record.cumulative;
    }
    return discovered === 0 ? 1 : minimum / discovered;
  }

  /** dive's wasted bytes: the cumulative size of every path touched by more than one layer. */
  get wastedBytes(): number {
    let wasted = 0;
    for (const record of this.paths.values())
      if (record.count > 1) wasted += record.cumulative;
    return wasted;
  }

  /** Bytes shipped in some layer that the final filesystem does not show (overwritten or deleted). */
  get reclaimableBytes(): number {
    return this.layerReclaimableBytes.reduce((a, b) => a + b, 0);
  }

  /** The paths behind wastedBytes, largest first. */
  inefficiencies(limit = 20): Inefficiency[] {
    const out: Inefficiency[] = [];
    for (const [path, record] of this.paths) {
      if (record.count > 1)
        out.push({
          path: `/${path}`,
          cumulativeBytes: record.cumulative,
          occurrences: record.count,
        });
    }
    out.sort((a, b) => b.cumulativeBytes - a.cumulativeBytes);
    return out.slice(0, limit);
  }

  lookup(path: string): FileNode | undefined {
    if (!path) return this.root;
    let node: FileNode | undefined = this.root;
    for (const part of path.split('/')) {
      node = node?.children?.get(part);
      if (!node) return undefined;
    }
    return node;
  }

  /** Every path of the final filesystem, parents before children. */
  *walk(): Generator<[string, FileNode]> {
    const stack: Array<[string, FileNode]> = [['', this.root]];
    while (stack.length) {
      const [path, node] = stack.pop()!;
      if (path) yield [path, node];
      if (node.children) {
        for (const child of node.children.values())
          stack.push([joinPath(path, child.name), child]);
      }
    }
  }

  private record(path: string, size: number): void {
    const record = this.paths.get(path);
    if (!record) {
      this.paths.set(path, { cumulative: size, min: size, count: 1 });
      return;
    }
    record.cumulative += size;
    if (size < record.min) record.min = size;
    record.count++;
  }

  private ensureDir(path: string, layer: number): FileNode {
    if (!path) return this.root;
    let node = this.root;
    for (const part of path.split('/')) {
      let child = node.children!.get(part);
      if (!child || child.type !== 'dir') {
        if (child) this.reclaim(child);
        child = {
          name: part,
          type: 'dir',
          size: 0,
          mode: 0o755,
          uid: 0,
          gid: 0,
          layer,
          children: new Map(),
        };
        node.children!.set(part, child);
      }
      node = child;
    }
    return node;
  }

  private reclaim(node: FileNode): void {
    node.removed = true;
    if (node.type === 'file') {
      // The content lives on while a hard link to it is still in the tree: hand it over.
      const survivor = node.hardlinks?.find(link => !link.removed);
      if (survivor) {
        survivor.type = 'file';
        survivor.size = node.size;
        survivor.hardlinks = node.hardlinks!.filter(
          link => link !== survivor && !link.removed,
        );
      } else {
        this.layerReclaimableBytes[node.layer] += node.size;
      }
    }
    if (node.children)
      for (const child of node.children.values()) this.reclaim(child);
  }
}

function normalizeLink(linkname: string): string {
  let path = linkname;
  while (path.startsWith('./')) path = path.slice(2);
  return path.replace(/^\/+/, '').replace(/\/+$/, '');
}

export function subtreeBytes(node: FileNode): number {
  let total = node.size;
  if (node.children)
    for (const child of node.children.values()) total += subtreeBytes(child);
  return total;
}
