import { createHash } from 'node:crypto';
import {
  chmod,
  link,
  mkdir,
  readFile,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { run } from './processes';

/** A file of a fixture layer: content, or a link, with an optional mode. */
export type FixtureFile =
  | string
  | Buffer
  | { content: string | Buffer; mode: number }
  | { symlink: string }
  | { hardlink: string }
  | { dir: true };

/** Writes files into a directory (whiteouts are just files named `.wh.*`). */
export async function writeTree(
  root: string,
  files: Record<string, FixtureFile>,
): Promise<void> {
  await mkdir(root, { recursive: true });
  for (const [path, spec] of Object.entries(files)) {
    const full = join(root, path);
    await mkdir(dirname(full), { recursive: true });
    if (typeof spec === 'string' || Buffer.isBuffer(spec)) {
      await writeFile(full, spec);
    } else if ('symlink' in spec) {
      await symlink(spec.symlink, full);
    } else if ('hardlink' in spec) {
      await link(join(root, spec.hardlink), full);
    } else if ('dir' in spec) {
      await mkdir(full, { recursive: true });
    } else {
      await writeFile(full, spec.content);
      await chmod(full, spec.mode);
    }
  }
}

/** A layer tar made by GNU tar (umoci 0.4.7's own repack writes truncated tars). */
export async function tarDirectory(root: string, out: string): Promise<Buffer> {
  await run('tar', [
    '--sort=name',
    '--numeric-owner',
    '--owner=0',
    '--group=0',
    '--mtime=@0',
    '-C',
    root,
    '-cf',
    out,
    '.',
  ]);
  return readFile(out);
}

export function digestOf(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

export interface BlobDescriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: { os: string; architecture: string; variant?: string };
  annotations?: Record<string, string>;
}

export type LayerCompression = 'gzip' | 'zstd' | 'none';

const OCI = {
  index: 'application/vnd.oci.image.index.v1+json',
  manifest: 'application/vnd.oci.image.manifest.v1+json',
  config: 'application/vnd.oci.image.config.v1+json',
  layer: {
    gzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
    zstd: 'application/vnd.oci.image.layer.v1.tar+zstd',
    none: 'application/vnd.oci.image.layer.v1.tar',
  },
};

/**
 * An OCI image layout written blob by blob, for the media types and
 * compressions umoci cannot produce (zstd, uncompressed, indexes).
 */
export class OciLayoutWriter {
  private readonly refs: BlobDescriptor[] = [];
  constructor(readonly dir: string) {}

  async init(): Promise<this> {
    await mkdir(join(this.dir, 'blobs', 'sha256'), { recursive: true });
    await writeFile(
      join(this.dir, 'oci-layout'),
      JSON.stringify({ imageLayoutVersion: '1.0.0' }),
    );
    await this.flush();
    return this;
  }

  async blob(bytes: Buffer, mediaType: string): Promise<BlobDescriptor> {
    const digest = digestOf(bytes);
    await writeFile(join(this.dir, 'blobs', 'sha256', digest.slice(7)), bytes);
    return { mediaType, digest, size: bytes.length };
  }

  /** A layer from a tar, compressed as asked. Returns its descriptor and diff_id. */
  async layer(
    tar: Buffer,
    compression: LayerCompression,
  ): Promise<{ descriptor: BlobDescriptor; diffId: string }> {
    let bytes = tar;
    if (compression === 'gzip') bytes = gzipSync(tar);
    if (compression === 'zstd') {
      const tmp = join(this.dir, `tmp-${Date.now()}-${Math.random()}.tar`);
      await writeFile(tmp, tar);
      await run('zstd', ['-q', '-f', '--rm', tmp, '-o', `${tmp}.zst`]);
      bytes = await readFile(`${tmp}.zst`);
      await run('rm', ['-f', `${tmp}.zst`]);
    }
    return {
      descriptor: await this.blob(bytes, OCI.layer[compression]),
      diffId: digestOf(tar),
    };
  }

  async image(options: {
    layers: Array<{ descriptor: BlobDescriptor; diffId: string }>;
    config: Record<string, unknown>;
    history?: Array<{ created_by: string; empty_layer?: boolean }>;
    annotations?: Record<string, string>;
    tag?: string;
    platform?: { os: string; architecture: string; variant?: string };
  }): Promise<BlobDescriptor> {
    const platform = options.platform ?? { os: 'linux', architecture: 'amd64' };
    const config = {
      created: '2026-01-02T03:04:05Z',
      architecture: platform.architecture,
      os: platform.os,
      ...(platform.variant ? { variant: platform.variant } : {}),
      config: options.config,
      rootfs: { type: 'layers', diff_ids: options.layers.map(l => l.diffId) },
      history:
        options.history ??
        options.layers.map((_, i) => ({ created_by: `layer ${i}` })),
    };
    const configDesc = await this.blob(
      Buffer.from(JSON.stringify(config)),
      OCI.config,
    );
    const manifest = {
      schemaVersion: 2,
      mediaType: OCI.manifest,
      config: configDesc,
      layers: options.layers.map(l => l.descriptor),
      ...(options.annotations ? { annotations: options.annotations } : {}),
    };
    const desc = {
      ...(await this.blob(Buffer.from(JSON.stringify(manifest)), OCI.manifest)),
      platform,
    };
    if (options.tag) await this.tag(options.tag, desc);
    return desc;
  }

  async index(
    tag: string,
    manifests: BlobDescriptor[],
  ): Promise<BlobDescriptor> {
    const index = { schemaVersion: 2, mediaType: OCI.index, manifests };
    const desc = await this.blob(Buffer.from(JSON.stringify(index)), OCI.index);
    await this.tag(tag, desc);
    return desc;
  }

  async tag(tag: string, desc: BlobDescriptor): Promise<void> {
    const { platform: _p, ...plain } = desc;
    this.refs.push({
      ...plain,
      annotations: { 'org.opencontainers.image.ref.name': tag },
    });
    await this.flush();
  }

  private async flush(): Promise<void> {
    await writeFile(
      join(this.dir, 'index.json'),
      JSON.stringify({ schemaVersion: 2, manifests: this.refs }),
    );
  }
}

/** Pushes a tag of a layout to a plain-http registry with skopeo. */
export async function pushLayout(
  layout: string,
  tag: string,
  destination: string,
  options: { all?: boolean; format?: 'oci' | 'v2s2' } = {},
): Promise<void> {
  await run('skopeo', [
    'copy',
    '--quiet',
    '--dest-tls-verify=false',
    ...(options.all ? ['--all'] : []),
    // converting media types changes digests, so only plain copies preserve them
    ...(options.format ? ['--format', options.format] : ['--preserve-digests']),
    `oci:${layout}:${tag}`,
    `docker://${destination}`,
  ]);
}

export interface InMemoryImage {
  layer: Buffer;
  layerDigest: string;
  config: Buffer;
  configDigest: string;
  manifest: Buffer;
  manifestDigest: string;
}

/** A one-layer OCI image as bytes, for serving from a loopback server. */
export async function inMemoryImage(
  work: string,
  files: Record<string, FixtureFile>,
  layerBytes?: Buffer,
): Promise<InMemoryImage> {
  const root = join(
    work,
    `tree-${Date.now()}-${Math.random().toString(36).slice(2)}`,
  );
  await writeTree(root, files);
  const tar = await tarDirectory(root, `${root}.tar`);
  const layer = layerBytes ?? gzipSync(tar);
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      config: { User: 'app' },
      rootfs: { type: 'layers', diff_ids: [digestOf(tar)] },
      history: [{ created_by: 'COPY . /' }],
    }),
  );
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI.manifest,
      config: {
        mediaType: OCI.config,
        digest: digestOf(config),
        size: config.length,
      },
      layers: [
        {
          mediaType: OCI.layer.gzip,
          digest: digestOf(layer),
          size: layer.length,
        },
      ],
    }),
  );
  return {
    layer,
    layerDigest: digestOf(layer),
    config,
    configDigest: digestOf(config),
    manifest,
    manifestDigest: digestOf(manifest),
  };
}
