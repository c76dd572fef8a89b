import {
  accountFacts,
  type AccountFacts,
  type AccountFileTexts,
} from './accountFiles';
import {
  subtreeBytes,
  type FileNode,
  type ImageFileTree,
  type Inefficiency,
} from './filetree';
import {
  HOME,
  looksLikeSecretName,
  SECRET_EXEMPT,
  SECRET_EXEMPT_DEPTH,
  SECRET_PATH,
  SECRET_PATH_DEPTH,
} from './secretFiles';

/**
 * What the final filesystem of an image contains that a better build would
 * not ship. Facts only; the image layer turns them into findings.
 */

export interface PathGroup {
  /** Which kind of thing, e.g. "apt lists", "gcc". */
  name: string;
  /** Root paths found, with a leading slash. */
  paths: string[];
  bytes: number;
  files: number;
  /** Index of the layer that wrote most of these bytes. */
  layer: number;
}

export interface FileFact {
  path: string;
  bytes: number;
  layer: number;
  mode?: number;
}

export interface TreeFacts {
  caches: PathGroup[];
  toolchains: PathGroup[];
  largestFiles: FileFact[];
  setuidFiles: FileFact[];
  secretFiles: FileFact[];
  gitDirectories: FileFact[];
  /** Editor and desktop leftovers, IDE folders, build files (dockle's DKL-LI-0003), up to UNNECESSARY_LISTED. */
  unnecessaryFiles: FileFact[];
  /** The sudo program, where a PATH directory holds it. */
  sudoFiles: FileFact[];
  /** What /etc/passwd, /etc/group and /etc/shadow say, when deep analysis kept them. */
  accounts: AccountFacts;
  files: number;
  bytes: number;
}

interface Pattern {
  name: string;
  /** Matches the root path (no leading slash) of the thing. */
  root: RegExp;
}

/** Package-manager caches a RUN should clean in the same layer. */
export const CACHE_PATTERNS: Pattern[] = [
  { name: 'apt lists', root: /^var\/lib\/apt\/lists$/ },
  { name: 'apt archives', root: /^var\/cache\/apt$/ },
  { name: 'apk cache', root: /^var\/cache\/apk$/ },
  { name: 'dnf/yum cache', root: /^var\/cache\/(?:dnf|yum)$/ },
  { name: 'pip cache', root: new RegExp(`^${HOME}/\\.cache/pip$`) },
  { name: 'npm cache', root: new RegExp(`^${HOME}/\\.npm$`) },
  {
    name: 'yarn cache',
    root: new RegExp(
      `^(?:usr/local/share/\\.cache/yarn|${HOME}/\\.cache/yarn)$`,
    ),
  },
  { name: 'go build cache', root: new RegExp(`^${HOME}/\\.cache/go-build$`) },
  { name: 'maven repository', root: new RegExp(`^${HOME}/\\.m2$`) },
  { name: 'gradle cache', root: new RegExp(`^${HOME}/\\.gradle/caches$`) },
];

/** Compilers and SDKs that a multi-stage build leaves in the builder stage. */
export const TOOLCHAIN_PATTERNS: Pattern[] = [
  { name: 'gcc', root: /^usr\/lib\/gcc$/ },
  { name: 'go', root: /^usr\/local\/go$/ },
  {
    name: 'rust',
    root: new RegExp(`^(?:usr/local/rustup|${HOME}/\\.rustup)$`),
  },
  {
    name: 'jdk',
    root: /^(?:usr\/lib\/jvm\/[^/]*jdk[^/]*|opt\/java\/openjdk)$/,
  },
  { name: 'maven', root: /^usr\/share\/maven$/ },
  { name: 'gradle', root: /^opt\/gradle$/ },
];

const LARGEST = 10;

/** Files no running service needs: desktop and editor leftovers, the build's own files. */
const UNNECESSARY_FILE_NAMES = new Set([
  '.DS_Store',
  'Thumbs.db',
  '.vimrc',
  'Dockerfile',
  'docker-compose.yml',
  'docker-compose.yaml',
]);
/** IDE folders copied with the build context. */
const UNNECESSARY_DIR_NAMES = new Set(['.vscode', '.idea']);
const UNNECESSARY_LISTED = 20;

/** A vim swap file: `.<name>.swp` (or .swo, .swn while one exists). */
function isSwapFile(name: string): boolean {
  return (
    name.length > 5 &&
    name.startsWith('.') &&
    (name.endsWith('.swp') || name.endsWith('.swo') || name.endsWith('.swn'))
  );
}

/** Dependencies' own files (a package's Dockerfile), which the build does not choose. */
function inDependencies(path: string): boolean {
  return path.includes('node_modules/') || path.includes('vendor/');
}

const SUDO_PATHS = new Set([
  'bin/sudo',
  'sbin/sudo',
  'usr/bin/sudo',
  'usr/sbin/sudo',
  'usr/local/bin/sudo',
  'usr/local/sbin/sudo',
]);

function largestLayer(byLayer: Map<number, number>): number {
  let best = -1;
  let bestBytes = -1;
  for (const [layer, bytes] of byLayer) {
    if (bytes > bestBytes) {
      best = layer;
      bestBytes = bytes;
    }
  }
  return best;
}

function group(
  name: string,
  roots: Array<[string, ReturnType<ImageFileTree['lookup']>]>,
): PathGroup {
  const byLayer = new Map<number, number>();
  let bytes = 0;
  let files = 0;
  const stack: FileNode[] = [];
  for (const [, node] of roots) if (node) stack.push(node);
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === 'file') {
      bytes += node.size;
      files++;
      byLayer.set(node.layer, (byLayer.get(node.layer) ?? 0) + node.size);
    }
    if (node.children)
      for (const child of node.children.values()) stack.push(child);
  }
  return {
    name,
    paths: roots.map(([p]) => `/${p}`),
    bytes,
    files,
    layer: largestLayer(byLayer),
  };
}

export interface AnalyzeTreeOptions {
  /** `${layer}:${path}` of files whose content is a private key. */
  privateKeys?: Set<string>;
  /** The account files' texts deep analysis kept (see accountFiles.ts). */
  accountFiles?: AccountFileTexts;
}

/** Components that decide the cache and toolchain patterns (usr/local/share/.cache/yarn has 5). */
const PATTERN_DEPTH = 5;

interface Visit {
  path: string;
  node: FileNode;
  depth: number;
  /** Under a SECRET_EXEMPT prefix. */
  exempt: boolean;
  /** Under a .git directory already reported. */
  inGit: boolean;
}

/** What the walk gathers before the cache and toolchain roots become groups. */
interface TreeWalk {
  cacheRoots: Map<string, Array<[string, FileNode]>>;
  toolchainRoots: Map<string, Array<[string, FileNode]>>;
  largest: FileFact[];
  setuidFiles: FileFact[];
  secretFiles: FileFact[];
  gitDirectories: FileFact[];
  unnecessaryFiles: FileFact[];
  sudoFiles: FileFact[];
  files: number;
  bytes: number;
  isPrivateKey: (node: FileNode, path: string) => boolean;
}

/**
 * One pass over the final filesystem, linear in its size however deep it is:
 * patterns are tested only on the shallow paths whose first components decide
 * them, and what a directory decides (exempt, inside .git) is handed down.
 */
export function analyzeTree(
  tree: ImageFileTree,
  options: AnalyzeTreeOptions = {},
): TreeFacts {
  const walk: TreeWalk = {
    cacheRoots: new Map(),
    toolchainRoots: new Map(),
    largest: [],
    setuidFiles: [],
    secretFiles: [],
    gitDirectories: [],
    unnecessaryFiles: [],
    sudoFiles: [],
    files: 0,
    bytes: 0,
    isPrivateKey: privateKeyMatcher(options.privateKeys ?? new Set<string>()),
  };
  const stack: Visit[] = [];
  pushChildren(stack, {
    path: '',
    node: tree.root,
    depth: 0,
    exempt: false,
    inGit: false,
  });
  while (stack.length) {
    const visit = stack.pop()!;
    if (visit.node.type === 'dir') {
      visitDirectory(walk, visit);
      pushChildren(stack, visit);
    } else if (visit.node.type === 'file') {
      visitFile(walk, visit);
    }
  }

  const caches = [...walk.cacheRoots]
    .map(([name, roots]) => group(name, roots))
    .filter(g => g.bytes > 0);
  // A toolchain counts when its compiler is really there, not an empty directory.
  const toolchains = [...walk.toolchainRoots]
    .map(([name, roots]) => group(name, roots))
    .filter(g => g.bytes > 1024 * 1024);
  return {
    caches,
    toolchains,
    largestFiles: walk.largest,
    setuidFiles: walk.setuidFiles,
    secretFiles: walk.secretFiles,
    gitDirectories: walk.gitDirectories,
    unnecessaryFiles: walk.unnecessaryFiles,
    sudoFiles: walk.sudoFiles,
    accounts: accountFacts(tree, options.accountFiles ?? new Map()),
    files: walk.files,
    bytes: walk.bytes,
  };
}

/** Whether a file is one of the `${layer}:${path}` private keys. */
function privateKeyMatcher(
  privateKeys: Set<string>,
): (node: FileNode, path: string) => boolean {
  // `${layer}:${path}` keys are built only for files whose name one of them ends in
  const privateKeyNames = new Set(
    [...privateKeys].map(key => {
      const path = key.slice(key.indexOf(':') + 1);
      return path.slice(path.lastIndexOf('/') + 1);
    }),
  );
  return (node, path) =>
    privateKeyNames.has(node.name) && privateKeys.has(`${node.layer}:${path}`);
}

function pushChildren(stack: Visit[], parent: Visit): void {
  for (const child of parent.node.children?.values() ?? []) {
    const path = parent.path ? `${parent.path}/${child.name}` : child.name;
    const depth = parent.depth + 1;
    stack.push({
      path,
      node: child,
      depth,
      exempt:
        parent.exempt ||
        (depth <= SECRET_EXEMPT_DEPTH + 1 && SECRET_EXEMPT.test(path)),
      inGit: parent.inGit,
    });
  }
}

/** A directory: cache and toolchain roots, a .git (marking the visit inside it), an IDE folder. */
function visitDirectory(walk: TreeWalk, visit: Visit): void {
  const { path, node, depth } = visit;
  if (depth <= PATTERN_DEPTH) {
    addPatternRoots(walk.cacheRoots, CACHE_PATTERNS, path, node);
    addPatternRoots(walk.toolchainRoots, TOOLCHAIN_PATTERNS, path, node);
  }
  // A .git inside a reported .git is part of it: counted once.
  if (node.name === '.git' && !visit.exempt && !visit.inGit) {
    walk.gitDirectories.push({
      path: `/${path}`,
      bytes: subtreeBytes(node),
      layer: node.layer,
    });
    visit.inGit = true;
  }
  if (UNNECESSARY_DIR_NAMES.has(node.name) && !visit.exempt)
    listUnnecessary(walk, path, node, subtreeBytes(node));
}

function addPatternRoots(
  roots: Map<string, Array<[string, FileNode]>>,
  patterns: Pattern[],
  path: string,
  node: FileNode,
): void {
  for (const pattern of patterns) {
    if (pattern.root.test(path))
      roots.set(pattern.name, [
        ...(roots.get(pattern.name) ?? []),
        [path, node],
      ]);
  }
}

/** A regular file: counted, and kept when among the largest, unnecessary, sudo, setuid or a secret. */
function visitFile(walk: TreeWalk, visit: Visit): void {
  const { path, node, depth } = visit;
  walk.files++;
  walk.bytes += node.size;
  const { largest } = walk;
  if (
    largest.length < LARGEST ||
    node.size > largest[largest.length - 1].bytes
  ) {
    largest.push({ path: `/${path}`, bytes: node.size, layer: node.layer });
    largest.sort((a, b) => b.bytes - a.bytes);
    if (largest.length > LARGEST) largest.pop();
  }
  if (
    !visit.exempt &&
    (UNNECESSARY_FILE_NAMES.has(node.name) || isSwapFile(node.name))
  )
    listUnnecessary(walk, path, node, node.size);
  if (depth <= 4 && node.name === 'sudo' && SUDO_PATHS.has(path))
    walk.sudoFiles.push({
      path: `/${path}`,
      bytes: node.size,
      layer: node.layer,
    });
  if (node.mode & 0o6000) {
    walk.setuidFiles.push({
      path: `/${path}`,
      bytes: node.size,
      layer: node.layer,
      mode: node.mode,
    });
  }
  if (
    (!visit.exempt &&
      (looksLikeSecretName(node.name) ||
        (depth <= SECRET_PATH_DEPTH && SECRET_PATH.test(path)))) ||
    walk.isPrivateKey(node, path)
  ) {
    walk.secretFiles.push({
      path: `/${path}`,
      bytes: node.size,
      layer: node.layer,
    });
  }
}

/** Up to UNNECESSARY_LISTED, dependencies' own files left out. */
function listUnnecessary(
  walk: TreeWalk,
  path: string,
  node: FileNode,
  bytes: number,
): void {
  if (
    walk.unnecessaryFiles.length < UNNECESSARY_LISTED &&
    !inDependencies(path)
  )
    walk.unnecessaryFiles.push({ path: `/${path}`, bytes, layer: node.layer });
}

/** The paths behind wastedBytes kept in a summary (the inspector shows 5). */
const INEFFICIENCIES_KEPT = 20;

/** The merged tree's numbers and facts, without the tree: what findings and reports read. */
export interface TreeSummary {
  efficiency: number;
  wastedBytes: number;
  reclaimableBytes: number;
  layerReclaimableBytes: number[];
  /** The largest inefficiencies first, at most 20. */
  inefficiencies: Inefficiency[];
  facts: TreeFacts;
}

/** Summarises a merged tree (on the thread that built it: only the summary leaves it). */
export function summarizeTree(
  tree: ImageFileTree,
  options: AnalyzeTreeOptions = {},
): TreeSummary {
  return {
    efficiency: tree.efficiency,
    wastedBytes: tree.wastedBytes,
    reclaimableBytes: tree.reclaimableBytes,
    layerReclaimableBytes: tree.layerReclaimableBytes,
    inefficiencies: tree.inefficiencies(INEFFICIENCIES_KEPT),
    facts: analyzeTree(tree, options),
  };
}
