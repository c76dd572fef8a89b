import { subtreeBytes, type ImageFileTree } from './filetree';

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
  files: number;
  bytes: number;
}

interface Pattern {
  name: string;
  /** Matches the root path (no leading slash) of the thing. */
  root: RegExp;
}

const HOME = '(?:root|home/[^/]+)';

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

const SECRET_NAME =
  /^(?:\.env(?:\.(?!example$|sample$|template$|dist$)[\w.-]+)?|id_(?:rsa|dsa|ecdsa|ed25519)|\.git-credentials|\.netrc|\.pgpass|credentials\.json|application_default_credentials\.json|[\w.-]*private[\w.-]*\.pem|[\w.-]+\.(?:key|p12|pfx))$/;
const SECRET_PATH = new RegExp(
  `^(?:${HOME}/\\.aws/credentials|${HOME}/\\.docker/config\\.json|${HOME}/\\.kube/config)$`,
);
/** Where packages ship sample keys and certificates; not the application's secrets. */
const SECRET_EXEMPT =
  /^(?:usr\/(?:share|lib|include|lib64|libexec)\/|etc\/ssl\/|etc\/pki\/|usr\/local\/lib\/|proc\/|sys\/)/;

const LARGEST = 10;

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
  const visit = (node: NonNullable<ReturnType<ImageFileTree['lookup']>>) => {
    if (node.type === 'file') {
      bytes += node.size;
      files++;
      byLayer.set(node.layer, (byLayer.get(node.layer) ?? 0) + node.size);
    }
    if (node.children) for (const child of node.children.values()) visit(child);
  };
  for (const [, node] of roots) if (node) visit(node);
  return {
    name,
    paths: roots.map(([p]) => `/${p}`),
    bytes,
    files,
    layer: largestLayer(byLayer),
  };
}

/** Small files worth reading while streaming: they may hold a private key whatever their name. */
export function mayHoldPrivateKey(entry: {
  path: string;
  type: string;
  size: number;
}): boolean {
  return (
    entry.type === 'file' &&
    entry.size > 0 &&
    entry.size <= 64 * 1024 &&
    /(?:\.(?:pem|key|der|crt|cert)|(?:^|\/)\.ssh\/[^/]+|(?:^|\/)id_[a-z0-9]+)$/.test(
      entry.path,
    ) &&
    !SECRET_EXEMPT.test(entry.path)
  );
}

const PRIVATE_KEY = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/;

export function holdsPrivateKey(content: Buffer): boolean {
  return PRIVATE_KEY.test(content.toString('latin1'));
}

export interface AnalyzeTreeOptions {
  /** `${layer}:${path}` of files whose content is a private key. */
  privateKeys?: Set<string>;
}

/** One pass over the final filesystem. */
export function analyzeTree(
  tree: ImageFileTree,
  options: AnalyzeTreeOptions = {},
): TreeFacts {
  const cacheRoots = new Map<string, Array<[string, any]>>();
  const toolchainRoots = new Map<string, Array<[string, any]>>();
  const largest: FileFact[] = [];
  const setuidFiles: FileFact[] = [];
  const secretFiles: FileFact[] = [];
  const gitDirectories: FileFact[] = [];
  let files = 0;
  let bytes = 0;

  for (const [path, node] of tree.walk()) {
    if (node.type === 'dir') {
      for (const pattern of CACHE_PATTERNS) {
        if (pattern.root.test(path))
          cacheRoots.set(pattern.name, [
            ...(cacheRoots.get(pattern.name) ?? []),
            [path, node],
          ]);
      }
      for (const pattern of TOOLCHAIN_PATTERNS) {
        if (pattern.root.test(path))
          toolchainRoots.set(pattern.name, [
            ...(toolchainRoots.get(pattern.name) ?? []),
            [path, node],
          ]);
      }
      if (node.name === '.git' && !SECRET_EXEMPT.test(path)) {
        gitDirectories.push({
          path: `/${path}`,
          bytes: subtreeBytes(node),
          layer: node.layer,
        });
      }
      continue;
    }
    if (node.type !== 'file') continue;
    files++;
    bytes += node.size;
    if (
      largest.length < LARGEST ||
      node.size > largest[largest.length - 1].bytes
    ) {
      largest.push({ path: `/${path}`, bytes: node.size, layer: node.layer });
      largest.sort((a, b) => b.bytes - a.bytes);
      if (largest.length > LARGEST) largest.pop();
    }
    if (node.mode & 0o6000) {
      setuidFiles.push({
        path: `/${path}`,
        bytes: node.size,
        layer: node.layer,
        mode: node.mode,
      });
    }
    if (
      ((SECRET_NAME.test(node.name) || SECRET_PATH.test(path)) &&
        !SECRET_EXEMPT.test(path)) ||
      options.privateKeys?.has(`${node.layer}:${path}`)
    ) {
      secretFiles.push({
        path: `/${path}`,
        bytes: node.size,
        layer: node.layer,
      });
    }
  }

  const caches = [...cacheRoots]
    .map(([name, roots]) => group(name, roots))
    .filter(g => g.bytes > 0);
  // A toolchain counts when its compiler is really there, not an empty directory.
  const toolchains = [...toolchainRoots]
    .map(([name, roots]) => group(name, roots))
    .filter(g => g.bytes > 1024 * 1024);
  return {
    caches,
    toolchains,
    largestFiles: largest,
    setuidFiles,
    secretFiles,
    gitDirectories,
    files,
    bytes,
  };
}
