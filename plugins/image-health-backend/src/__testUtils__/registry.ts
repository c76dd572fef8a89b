import { ChildProcess, execFileSync, spawn } from 'child_process';
import { createHash } from 'crypto';
import fs from 'fs';
import { createServer } from 'net';
import os from 'os';
import path from 'path';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function sha256(data: Buffer | string): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

/**
 * Debian's docker-registry (distribution 2.8) on a loopback port, with
 * images pushed over its HTTP API: a real registry for the scan path.
 */
export class TestRegistry {
  private child?: ChildProcess;
  /** Layers already built and pushed, by their files, so many images can share one. */
  private readonly layers = new Map<string, { tar: Buffer; gzip: Buffer }>();
  private dir = '';
  host = '';

  async start(): Promise<void> {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'image-health-registry-'));
    const port = await freePort();
    this.host = `127.0.0.1:${port}`;
    const config = path.join(this.dir, 'config.yml');
    fs.writeFileSync(
      config,
      [
        'version: 0.1',
        'log: { level: error, accesslog: { disabled: true } }',
        `storage: { filesystem: { rootdirectory: ${this.dir}/storage } }`,
        `http: { addr: "${this.host}", secret: image-health-backend-test }`,
        '',
      ].join('\n'),
    );
    this.child = spawn('docker-registry', ['serve', config], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const deadline = Date.now() + 15_000;
    for (;;) {
      const up = await fetch(`http://${this.host}/v2/`).then(
        r => r.status === 200,
        () => false,
      );
      if (up) return;
      if (this.child.exitCode !== null || Date.now() > deadline) {
        throw new Error('docker-registry did not start (is it installed?)');
      }
      await new Promise(resolve => setTimeout(resolve, 100));
    }
  }

  async stop(): Promise<void> {
    if (this.child && this.child.exitCode === null) {
      const exited = new Promise(resolve => this.child!.once('exit', resolve));
      this.child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  /** Pushes a one-layer image whose layer holds `files`; returns its manifest digest. */
  async push(
    repository: string,
    tag: string,
    image: { files: Record<string, string>; user?: string; createdBy: string },
  ): Promise<string> {
    const key = `${repository}\u0000${JSON.stringify(image.files)}`;
    let built = this.layers.get(key);
    if (!built) {
      const root = fs.mkdtempSync(path.join(this.dir, 'layer-'));
      for (const [file, content] of Object.entries(image.files)) {
        fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
        fs.writeFileSync(path.join(root, file), content);
      }
      const tarred = execFileSync('tar', [
        '--sort=name',
        '--mtime=@0',
        '-cf',
        '-',
        '-C',
        root,
        '.',
      ]);
      built = {
        tar: tarred,
        gzip: execFileSync('gzip', ['-n'], { input: tarred }),
      };
      await this.putBlob(repository, built.gzip);
      this.layers.set(key, built);
    }
    const { tar, gzip: layer } = built;
    const config = Buffer.from(
      JSON.stringify({
        architecture: 'amd64',
        os: 'linux',
        created: '2026-01-01T00:00:00Z',
        config: { User: image.user ?? '', Cmd: ['/app/run'] },
        rootfs: { type: 'layers', diff_ids: [sha256(tar)] },
        history: [
          { created: '2026-01-01T00:00:00Z', created_by: image.createdBy },
        ],
      }),
    );
    await this.putBlob(repository, config);
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
        config: {
          mediaType: 'application/vnd.docker.container.image.v1+json',
          size: config.length,
          digest: sha256(config),
        },
        layers: [
          {
            mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
            size: layer.length,
            digest: sha256(layer),
          },
        ],
      }),
    );
    const res = await fetch(
      `http://${this.host}/v2/${repository}/manifests/${tag}`,
      {
        method: 'PUT',
        headers: {
          'content-type':
            'application/vnd.docker.distribution.manifest.v2+json',
        },
        body: manifest,
      },
    );
    if (res.status !== 201)
      throw new Error(`manifest push: ${res.status} ${await res.text()}`);
    return sha256(manifest);
  }

  private async putBlob(repository: string, blob: Buffer): Promise<void> {
    const start = await fetch(
      `http://${this.host}/v2/${repository}/blobs/uploads/`,
      {
        method: 'POST',
      },
    );
    const location = new URL(
      start.headers.get('location')!,
      `http://${this.host}`,
    );
    location.searchParams.set('digest', sha256(blob));
    const res = await fetch(location, {
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream' },
      body: blob,
    });
    if (res.status !== 201)
      throw new Error(`blob push: ${res.status} ${await res.text()}`);
  }
}
