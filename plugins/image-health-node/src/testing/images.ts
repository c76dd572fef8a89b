import { mkdir, readFile, writeFile, copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  OciLayoutWriter,
  pushLayout,
  tarDirectory,
  writeTree,
  type FixtureFile,
} from './fixtures';
import { run } from './processes';

/** Sizes the wasteful image's numbers are computed from (dive's definitions, by hand). */
export const WASTEFUL = {
  passwd: 'root:x:0:0:root:/root:/bin/sh\n',
  setuidBytes: 1000,
  aptList: 200_000,
  pipWheel: 100_000,
  env: 'API_TOKEN=hunter2\n',
  gitHead: 'ref: refs/heads/main\n',
  data: 1_000_000,
  junk: 500_000,
  cacheFile: 1000,
  newCacheFile: 10,
  /** A private key under a name that says nothing, and a certificate that is no secret. */
  keyPem:
    '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIFakeKeyMaterialForTestsOnly\n-----END EC PRIVATE KEY-----\n',
  certPem:
    '-----BEGIN CERTIFICATE-----\nMIIBFakeCertificate\n-----END CERTIFICATE-----\n',
  /** A compiler left behind: two files under /usr/lib/gcc. */
  cc1: 600_000,
  lto1: 500_000,
};

function bytes(n: number, seed: number): Buffer {
  // Incompressible but reproducible enough: a counter hashed forward would be slower; this is fine.
  const out = Buffer.alloc(n);
  let x = (seed * 2654435761) >>> 0;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** Σ min over every leaf path, by hand: see ImageFileTree for the definition. */
export function wastefulExpected() {
  const w = WASTEFUL;
  const minimum =
    w.passwd.length +
    w.setuidBytes + // layer A (bin/sh symlink: 0)
    w.aptList +
    w.pipWheel +
    w.env.length +
    w.gitHead.length +
    w.data +
    0 /* junk: min is its whiteout */ +
    w.cacheFile +
    w.cc1 +
    w.lto1 +
    w.keyPem.length +
    w.certPem.length +
    w.newCacheFile; // layer C: data.bin again counted in cumulative only, hardlink and symlink 0
  const cumulative = minimum + w.junk + w.data;
  return {
    efficiency: minimum / cumulative,
    wastedBytes: w.junk + 2 * w.data,
    reclaimableBytes: w.junk + w.data + w.cacheFile,
  };
}

export interface FixtureSet {
  layoutDir: string;
  /** Repository references pushed to the open registry. */
  refs: {
    wasteful: string;
    mixed: string;
    multi: string;
    docker: string;
    base: string;
    built: string;
  };
  /** The Dockerfile the built image came from. */
  dockerfile: string;
  builtArchive: string;
  builtLayout: string;
  /** Layer tars of the wasteful image, uncompressed sizes. */
  wastefulTarBytes: number;
}

async function layerFromFiles(
  layout: OciLayoutWriter,
  work: string,
  name: string,
  files: Record<string, FixtureFile>,
  compression: 'gzip' | 'zstd' | 'none' = 'gzip',
) {
  const root = join(work, name);
  await writeTree(root, files);
  const tar = await tarDirectory(root, join(work, `${name}.tar`));
  return { ...(await layout.layer(tar, compression)), tarBytes: tar.length };
}

/**
 * Builds every registry fixture once and pushes it to `host` (an open
 * registry): hand-written OCI layouts (whiteouts, opaque dirs, links, zstd,
 * uncompressed, an index), a Docker schema 2 copy, a umoci-made base image
 * and a buildah build FROM it.
 */
export async function buildFixtures(
  dir: string,
  host: string,
  options: { buildah?: boolean } = {},
): Promise<FixtureSet> {
  const work = join(dir, 'work');
  const layoutDir = join(dir, 'layout');
  await mkdir(work, { recursive: true });
  const layout = await new OciLayoutWriter(layoutDir).init();
  const w = WASTEFUL;

  const a = await layerFromFiles(layout, work, 'a', {
    'etc/passwd': w.passwd,
    'usr/bin/passwd': { content: bytes(w.setuidBytes, 1), mode: 0o4755 },
    'bin/sh': { symlink: 'busybox' },
  });
  const b = await layerFromFiles(layout, work, 'b', {
    'var/lib/apt/lists/deb.example.invalid_dists_bookworm_main': bytes(
      w.aptList,
      2,
    ),
    'root/.cache/pip/wheels/x.whl': bytes(w.pipWheel, 3),
    'app/.env': w.env,
    'srv/tls/server.pem': w.keyPem,
    'srv/tls/chain.pem': w.certPem,
    'app/.git/HEAD': w.gitHead,
    'app/data.bin': bytes(w.data, 4),
    'tmp/junk': bytes(w.junk, 5),
    'app/cache/c1': bytes(w.cacheFile, 6),
    'usr/lib/gcc/x86_64-linux-gnu/12/cc1': bytes(w.cc1, 11),
    'usr/lib/gcc/x86_64-linux-gnu/12/lto1': bytes(w.lto1, 12),
  });
  const c = await layerFromFiles(layout, work, 'c', {
    'tmp/.wh.junk': '',
    'app/data.bin': bytes(w.data, 7),
    'app/cache/.wh..wh..opq': '',
    'app/cache/c2': bytes(w.newCacheFile, 8),
    'app/hl': { hardlink: 'app/data.bin' },
    'app/link': { symlink: 'data.bin' },
  });
  await layout.image({
    tag: 'wasteful',
    layers: [a, b, c],
    config: {
      Env: [
        'PATH=/usr/bin:/bin',
        'API_TOKEN=hunter2',
        'DB_PASSWORD_FILE=/run/secrets/db',
        'GPG_KEY=ABCDEF',
      ],
      ExposedPorts: { '8080/tcp': {}, '9090/tcp': {} },
      Labels: {
        'org.opencontainers.image.source': 'https://example.invalid/acme/app',
      },
      Cmd: ['/bin/sh'],
    },
    history: [
      { created_by: 'ADD rootfs.tar /' },
      { created_by: 'ENV API_TOKEN=hunter2', empty_layer: true },
      { created_by: 'RUN /bin/sh -c apt-get update && pip install x' },
      { created_by: 'RUN /bin/sh -c rm /tmp/junk' },
    ],
  });

  const small = await layerFromFiles(layout, work, 'small', {
    'hello.txt': 'hello\n',
  });
  const zst = await layerFromFiles(
    layout,
    work,
    'zst',
    { 'opt/z/file': bytes(50_000, 9) },
    'zstd',
  );
  const raw = await layerFromFiles(
    layout,
    work,
    'raw',
    { 'opt/raw/file': bytes(30_000, 10) },
    'none',
  );
  await layout.image({
    tag: 'mixed',
    layers: [small, zst, raw],
    config: {
      User: '1000:1000',
      Healthcheck: {
        Test: ['CMD-SHELL', 'wget -q -O- http://localhost:8080/health'],
      },
    },
  });

  const amd = await layout.image({
    layers: [small],
    config: { User: 'app' },
    platform: { os: 'linux', architecture: 'amd64' },
  });
  const armLayer = await layerFromFiles(layout, work, 'arm', {
    'arm.txt': 'arm64\n',
  });
  const arm = await layout.image({
    layers: [armLayer],
    config: { User: '0' },
    platform: { os: 'linux', architecture: 'arm64', variant: 'v8' },
  });
  await layout.index('multi', [amd, arm]);
  await layout.image({
    tag: 'small',
    layers: [small],
    config: { User: 'root' },
  });

  const refs = {
    wasteful: `${host}/acme/wasteful:1`,
    mixed: `${host}/acme/mixed:1`,
    multi: `${host}/acme/multi:1`,
    docker: `${host}/acme/docker:1`,
    base: `${host}/acme/base:1`,
    built: `${host}/acme/built:1`,
  };
  await Promise.all([
    pushLayout(layoutDir, 'wasteful', refs.wasteful),
    pushLayout(layoutDir, 'mixed', refs.mixed),
    pushLayout(layoutDir, 'multi', refs.multi, { all: true }),
    pushLayout(layoutDir, 'small', refs.docker, { format: 'v2s2' }),
  ]);

  // The base made with umoci: a busybox-static rootfs, layer tar by GNU tar.
  const baseRoot = join(work, 'base-rootfs');
  await mkdir(join(baseRoot, 'bin'), { recursive: true });
  await copyFile('/bin/busybox', join(baseRoot, 'bin', 'busybox'));
  await writeTree(
    baseRoot,
    Object.fromEntries(
      ['sh', 'mkdir', 'dd', 'rm', 'echo', 'cat', 'ls'].map(applet => [
        `bin/${applet}`,
        { symlink: 'busybox' },
      ]),
    ),
  );
  const baseTar = join(work, 'base.tar');
  await tarDirectory(baseRoot, baseTar);
  const umociLayout = join(dir, 'umoci');
  await run('umoci', ['init', '--layout', umociLayout]);
  await run('umoci', ['new', '--image', `${umociLayout}:base`]);
  await run('umoci', [
    'raw',
    'add-layer',
    '--history.created_by',
    'ADD busybox rootfs /',
    '--image',
    `${umociLayout}:base`,
    baseTar,
  ]);
  await run('umoci', [
    'config',
    '--image',
    `${umociLayout}:base`,
    '--config.env',
    'PATH=/bin',
    '--config.cmd',
    '/bin/sh',
  ]);
  await pushLayout(umociLayout, 'base', refs.base);

  const dockerfile = [
    `FROM ${refs.base}`,
    'RUN mkdir -p /var/lib/apt/lists \\',
    '    && dd if=/dev/zero of=/var/lib/apt/lists/partial-index bs=1024 count=64',
    'COPY app.txt /app/app.txt',
    'USER 1000',
    '',
  ].join('\n');
  const builtArchive = join(dir, 'built.tar');
  const builtLayout = join(dir, 'built-oci');
  if (options.buildah !== false) {
    const context = join(work, 'context');
    await writeTree(context, {
      Dockerfile: dockerfile,
      'app.txt': 'application\n',
    });
    const storage = [
      '--root',
      join(dir, 'buildah-root'),
      '--runroot',
      join(dir, 'buildah-run'),
      '--storage-driver',
      'vfs',
    ];
    const env = {
      ...process.env,
      BUILDAH_ISOLATION: 'chroot',
      REGISTRY_AUTH_FILE: join(dir, 'auth.json'),
    };
    await writeFile(join(dir, 'auth.json'), '{}');
    await run(
      'buildah',
      [
        ...storage,
        'bud',
        '--isolation',
        'chroot',
        '--tls-verify=false',
        '--layers',
        '-t',
        'built',
        '-f',
        join(context, 'Dockerfile'),
        context,
      ],
      { env },
    );
    await run(
      'buildah',
      [
        ...storage,
        'push',
        '--tls-verify=false',
        'built',
        `docker://${refs.built}`,
      ],
      { env },
    );
    await run(
      'buildah',
      [...storage, 'push', 'built', `docker-archive:${builtArchive}`],
      { env },
    );
    await run(
      'buildah',
      [...storage, 'push', 'built', `oci:${builtLayout}:latest`],
      { env },
    );
  }
  const tarSizes = await Promise.all(
    ['a', 'b', 'c'].map(n =>
      readFile(join(work, `${n}.tar`)).then(b2 => b2.length),
    ),
  );
  return {
    layoutDir,
    refs,
    dockerfile,
    builtArchive,
    builtLayout,
    wastefulTarBytes: tarSizes.reduce((x, y) => x + y, 0),
  };
}
