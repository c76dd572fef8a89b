import { limitError } from './errors';
import {
  DEFAULT_LAYER_ANALYSIS_LIMITS,
  type LayerAnalysisLimits,
} from './limits';
import { normalizeTarPath, type TarEntry, type TarEntryType } from './tar';

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

/** The directories of one layer's own paths, component by component. */
interface PathTrie {
  children?: Map<string, PathTrie>;
}

/**
 * One layer's paths as a trie: building it is linear in the bytes of the
 * paths (each component is hashed once), where listing every ancestor of
 * every path as a string would be quadratic in a path's depth.
 */
function pathTrie(paths: Iterable<string>): PathTrie {
  const root: PathTrie = {};
  for (const path of paths) {
    if (baseName(path).startsWith(OPAQUE)) continue;
    let node = root;
    for (const part of path.split('/')) {
      node.children ??= new Map();
      let child = node.children.get(part);
      if (!child) {
        child = {};
        node.children.set(part, child);
      }
      node = child;
    }
  }
  return root;
}

/** Whether another path of the layer lies under `path`. */
function hasChildren(trie: PathTrie, path: string): boolean {
  let node: PathTrie | undefined = trie;
  for (const part of path.split('/')) {
    node = node.children?.get(part);
    if (!node) return false;
  }
  return !!node.children?.size;
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
  /** Directories made because a path lay under them, though no tar entry listed them. */
  private impliedDirectories = 0;

  /**
   * Tar entries are counted as they are read; the directories they only
   * imply are counted here, against the same limit: a path 200 levels deep
   * under no listed directory makes 200 nodes from one entry.
   */
  constructor(
    private readonly limits: Pick<
      LayerAnalysisLimits,
      'maxEntries'
    > = DEFAULT_LAYER_ANALYSIS_LIMITS,
  ) {}

  /** Applies the next layer's entries (in tar order). */
  addLayer(entries: Iterable<TarEntry>): void {
    const layer = this.layers++;
    this.layerReclaimableBytes[layer] = 0;
    this.layerFileBytes[layer] = 0;
    const byPath = new Map<string, TarEntry>();
    for (const entry of entries) if (entry.path) byPath.set(entry.path, entry);

    // dive visits the leaves of each layer's own tree
    const layerTree = pathTrie(byPath.keys());
    for (const [path, entry] of byPath) {
      const name = baseName(path);
      if (name.startsWith(OPAQUE) || hasChildren(layerTree, path)) continue;
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
        const target = this.lookup(normalizeTarPath(entry.linkname));
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

  /**
   * Every path of the final filesystem, parents before children, with its
   * depth (1 for a top-level path). The paths are concatenations V8 keeps as
   * ropes: a caller that only looks at shallow paths stays linear.
   */
  *walk(): Generator<[string, FileNode, number]> {
    const stack: Array<[string, FileNode, number]> = [['', this.root, 0]];
    while (stack.length) {
      const [path, node, depth] = stack.pop()!;
      if (path) yield [path, node, depth];
      if (node.children) {
        for (const child of node.children.values())
          stack.push([joinPath(path, child.name), child, depth + 1]);
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
        if (++this.impliedDirectories > this.limits.maxEntries) {
          throw limitError(
            'too-many-entries',
            'maxEntries',
            `the image's paths imply more than ${this.limits.maxEntries} directories that no tar entry lists`,
          );
        }
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

  private reclaim(removed: FileNode): void {
    // a stack, not recursion: a directory chain may be as deep as the limits allow
    const stack = [removed];
    while (stack.length) {
      const node = stack.pop()!;
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
        for (const child of node.children.values()) stack.push(child);
    }
  }
}

export function subtreeBytes(root: FileNode): number {
  let total = 0;
  const stack = [root];
  while (stack.length) {
    const node = stack.pop()!;
    total += node.size;
    if (node.children)
      for (const child of node.children.values()) stack.push(child);
  }
  return total;
}
