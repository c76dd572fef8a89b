import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { RegistryClient, RegistryError } from '.';
import { ImageInspector } from '../image';
import { requireBinaries } from '../testing/binaries';
import {
  inMemoryImage,
  OciLayoutWriter,
  pushLayout,
  tarDirectory,
  writeTree,
  type InMemoryImage,
} from '../testing/fixtures';
import {
  serve,
  startLoopbackServer,
  type LoopbackServer,
} from '../testing/httpServer';
import { startRegistry, type TestRegistry } from '../testing/registry';
import { startTokenServer, type TokenServer } from '../testing/tokenServer';
import type { RegistryReference } from './reference';

jest.setTimeout(120_000);

const PASSWORD = 'pa55-w0rd-never-shown';
let dir: string;
let open: TestRegistry;
let basic: TestRegistry;
let token: TestRegistry;
let tokens: TokenServer;
let hostile: LoopbackServer;
let storage: LoopbackServer;
let image: InMemoryImage;

beforeAll(async () => {
  requireBinaries(['docker-registry', 'skopeo', 'htpasswd', 'openssl', 'tar']);
  dir = await mkdtemp(join(tmpdir(), 'image-health-client-'));
  const store = join(dir, 'storage');
  open = await startRegistry({ dir, storage: store });
  tokens = await startTokenServer({
    dir,
    users: { alice: PASSWORD },
    expiresIn: 2,
  });
  [basic, token] = await Promise.all([
    startRegistry({
      dir,
      storage: store,
      auth: { kind: 'htpasswd', users: { alice: PASSWORD } },
    }),
    startRegistry({
      dir,
      storage: store,
      auth: {
        kind: 'token',
        realm: tokens.realm,
        service: tokens.service,
        issuer: tokens.issuer,
        certPath: tokens.certPath,
      },
    }),
  ]);
  const layout = await new OciLayoutWriter(join(dir, 'layout')).init();
  await writeTree(join(dir, 'root'), { 'hello.txt': 'hello\n' });
  const layer = await layout.layer(
    await tarDirectory(join(dir, 'root'), join(dir, 'root.tar')),
    'gzip',
  );
  await layout.image({ tag: 'app', layers: [layer], config: { User: 'app' } });
  await pushLayout(join(dir, 'layout'), 'app', `${open.host}/acme/app:1`);

  hostile = await startLoopbackServer();
  storage = await startLoopbackServer();
  image = await inMemoryImage(dir, { 'app/hello.txt': 'hello\n' });
});

afterAll(async () => {
  await Promise.all([open, basic, token].map(r => r?.stop()));
  await Promise.all([tokens, hostile, storage].map(s => s?.stop()));
  if (dir) await rm(dir, { recursive: true, force: true });
});

function expectNoSecret(error: unknown) {
  expect(String((error as Error).message)).not.toContain(PASSWORD);
  expect(JSON.stringify(error)).not.toContain(PASSWORD);
}

async function failure(promise: Promise<unknown>): Promise<RegistryError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(RegistryError);
    expectNoSecret(error);
    return error as RegistryError;
  }
  throw new Error('expected a failure');
}

describe('auth against docker-registry', () => {
  it('uses Basic credentials from the config after the challenge', async () => {
    const ins = new ImageInspector({
      registries: [
        {
          host: basic.host,
          insecure: true,
          auth: { username: 'alice', password: PASSWORD },
        },
      ],
    });
    const result = await ins.inspect(`${basic.host}/acme/app:1`, {
      deep: true,
    });
    expect(result.user).toBe('app');
    expect(result.deepAnalysis?.complete).toBe(true);
    await ins.close();
  });

  it('says which config to check when Basic credentials are missing or wrong', async () => {
    for (const auth of [
      undefined,
      { username: 'alice', password: `${PASSWORD}-wrong` },
    ]) {
      const ins = new ImageInspector({
        registries: [{ host: basic.host, insecure: true, auth }],
      });
      const error = await failure(ins.inspect(`${basic.host}/acme/app:1`));
      expect(error.message).toMatch(
        new RegExp(
          `^registry ${basic.host} answered 401 for acme/app.*: check imageHealth.registries\\[${basic.host}\\].auth$`,
        ),
      );
      expect(error.message).not.toContain('-wrong');
      await ins.close();
    }
  });

  it('gets a Bearer token from the challenge, caches it per scope and renews it when it expires', async () => {
    const ins = new ImageInspector({
      registries: [
        {
          host: token.host,
          insecure: true,
          auth: { username: 'alice', password: PASSWORD },
        },
        { host: tokens.host, insecure: true },
      ],
    });
    tokens.requests.length = 0;
    await ins.inspect(`${token.host}/acme/app:1`, { deep: true });
    expect(tokens.requests).toEqual([
      { scope: 'repository:acme/app:pull', user: 'alice' },
    ]);
    await ins.inspect(`${token.host}/acme/app:1`);
    expect(tokens.requests).toHaveLength(1);
    await new Promise(r => setTimeout(r, 1200));
    await ins.inspect(`${token.host}/acme/app:1`);
    expect(tokens.requests).toHaveLength(2);
    await ins.close();
  });

  it('refuses a token realm that is not configured, and reports refused token credentials', async () => {
    const unlisted = new ImageInspector({
      registries: [
        {
          host: token.host,
          insecure: true,
          auth: { username: 'alice', password: PASSWORD },
        },
      ],
    });
    const error = await failure(unlisted.inspect(`${token.host}/acme/app:1`));
    expect(error.message).toBe(
      `registry ${token.host} asks for tokens from ${tokens.host}, which is not configured: add ${tokens.host} to imageHealth.registries`,
    );
    await unlisted.close();
    const wrong = new ImageInspector({
      registries: [
        {
          host: token.host,
          insecure: true,
          auth: { username: 'alice', password: 'nope' },
        },
        { host: tokens.host, insecure: true },
      ],
    });
    const refused = await failure(wrong.inspect(`${token.host}/acme/app:1`));
    expect(refused.message).toMatch(
      new RegExp(
        `answered 401 for acme/app \\(token service ${tokens.host} refused the credentials\\): check imageHealth.registries\\[${token.host}\\].auth`,
      ),
    );
    await wrong.close();
  });

  it('contacts no host outside the configured registries', async () => {
    const ins = new ImageInspector({
      registries: [{ host: open.host, insecure: true }],
    });
    const before = hostile.requests.length;
    const error = await failure(ins.inspect(`${hostile.host}/acme/app:1`));
    expect(error.message).toBe(
      `registry ${hostile.host} is not configured: add it to imageHealth.registries (the only hosts Image Health contacts)`,
    );
    expect(hostile.requests.length).toBe(before);
    await ins.close();
  });

  it('answers 404 with the reference to check', async () => {
    const ins = new ImageInspector({
      registries: [{ host: open.host, insecure: true }],
    });
    const error = await failure(ins.inspect(`${open.host}/acme/app:nope`));
    expect(error.message).toBe(
      `registry ${open.host} has no manifest nope in acme/app: check the image reference`,
    );
    await ins.close();
  });
});

describe('hostile and failing registries', () => {
  const ref = (repository: string, tag = '1'): RegistryReference => ({
    kind: 'registry',
    host: hostile.host,
    repository,
    tag,
  });
  const client = (
    extra: Partial<ConstructorParameters<typeof RegistryClient>[0]> = {},
  ) =>
    new RegistryClient({
      registries: [
        {
          host: hostile.host,
          insecure: true,
          auth: { token: `tok-${PASSWORD}` },
        },
      ],
      retryBaseMs: 10,
      maxRetries: 2,
      ...extra,
    });
  const inspector = (deep?: { maxLayerBytes: number; maxEntries: number }) =>
    new ImageInspector({
      registries: [{ host: hostile.host, insecure: true }],
      retryBaseMs: 10,
      maxRetries: 2,
      deepAnalysis: deep ? { enabled: true, ...deep } : undefined,
    });
  const serveImage = (
    repository: string,
    img: InMemoryImage,
    layer: Buffer = img.layer,
  ) => {
    hostile.route(
      `GET /v2/${repository}/manifests/1`,
      serve(img.manifest, {
        'content-type': 'application/vnd.oci.image.manifest.v1+json',
        'docker-content-digest': img.manifestDigest,
      }),
    );
    hostile.route(
      `GET /v2/${repository}/blobs/${img.configDigest}`,
      serve(img.config),
    );
    hostile.route(
      `GET /v2/${repository}/blobs/${img.layerDigest}`,
      serve(layer),
    );
  };

  it.each([
    [
      403,
      'forbidden',
      /answered 403 for acme\/s403: the credentials in imageHealth.registries\[.*\].auth may not pull acme\/s403/,
    ],
    [
      500,
      'server',
      /answered 500 for acme\/s500 after 3 attempts: the registry is failing, try again later/,
    ],
    [
      429,
      'rate-limited',
      /answered 429 \(too many requests\) for acme\/s429 after 3 attempts/,
    ],
    [
      401,
      'auth',
      /answered 401 for acme\/s401 with an unsupported challenge "negotiate": check/,
    ],
  ])('turns %i into an actionable error', async (status, kind, message) => {
    const repo = `acme/s${status}`;
    hostile.route(
      `GET /v2/${repo}/manifests/1`,
      serve(
        '{}',
        status === 401 ? { 'www-authenticate': 'Negotiate' } : {},
        status,
      ),
    );
    const c = new RegistryClient({
      registries: [
        {
          host: hostile.host,
          insecure: true,
          auth: { username: 'u', password: PASSWORD },
        },
      ],
      retryBaseMs: 10,
      maxRetries: 2,
    });
    const before = hostile.requests.length;
    const error = await failure(c.getManifest(ref(repo)));
    expect(error.kind).toBe(kind);
    expect(error.message).toMatch(message);
    expect(hostile.requests.length - before).toBe(
      status === 429 || status === 500 ? 3 : 1,
    );
    await c.close();
  });

  it('asks for a new token once when the registry rejects a cached one', async () => {
    const issued: string[] = [];
    let accepted = 't1';
    hostile.route('GET /token', (_req, res) => {
      const fresh = `t${issued.length + 1}`;
      issued.push(fresh);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ token: fresh, expires_in: 300 }));
    });
    hostile.route('GET /v2/acme/revoked/manifests/1', (req, res) => {
      if (req.headers.authorization === `Bearer ${accepted}`) {
        serve(image.manifest, {
          'content-type': 'application/vnd.oci.image.manifest.v1+json',
        })(req, res);
        return;
      }
      res
        .writeHead(401, {
          'www-authenticate': `Bearer realm="http://${hostile.host}/token",service="hostile",scope="repository:acme/revoked:pull"`,
        })
        .end();
    });
    const c = new RegistryClient({
      registries: [{ host: hostile.host, insecure: true }],
    });
    await c.getManifest(ref('acme/revoked'));
    await c.getManifest(ref('acme/revoked'));
    expect(issued).toEqual(['t1']);
    accepted = 't2';
    await c.getManifest(ref('acme/revoked'));
    expect(issued).toEqual(['t1', 't2']);
    await c.close();
  });

  it('keeps at most concurrencyPerRegistry requests in flight, over kept-alive connections', async () => {
    let inFlight = 0;
    let most = 0;
    hostile.route('GET /v2/acme/slow/manifests/1', (req, res) => {
      inFlight++;
      most = Math.max(most, inFlight);
      setTimeout(() => {
        inFlight--;
        serve(image.manifest, {
          'content-type': 'application/vnd.oci.image.manifest.v1+json',
        })(req, res);
      }, 50);
    });
    const c = client({ concurrencyPerRegistry: 2 });
    const before = hostile.connections();
    await Promise.all(
      Array.from({ length: 8 }, () => c.getManifest(ref('acme/slow'))),
    );
    await c.getManifest(ref('acme/slow'));
    expect(most).toBe(2);
    expect(hostile.connections() - before).toBeLessThanOrEqual(2);
    await c.close();
  });

  it('gives up on a registry that does not answer within the timeout', async () => {
    hostile.route('GET /v2/acme/silent/manifests/1', () => undefined);
    const c = client({ timeoutMs: 300, maxRetries: 1 });
    const error = await failure(c.getManifest(ref('acme/silent')));
    expect(error.kind).toBe('timeout');
    expect(error.message).toMatch(
      /could not be reached for acme\/silent \(no answer within 300 ms\)/,
    );
    await c.close();
  });

  it('retries a 429 after the Retry-After it was given', async () => {
    let calls = 0;
    hostile.route('GET /v2/acme/busy/manifests/1', (req, res) => {
      if (calls++ === 0) {
        res.writeHead(429, { 'retry-after': '1' }).end();
        return;
      }
      serve(image.manifest, {
        'content-type': 'application/vnd.oci.image.manifest.v1+json',
      })(req, res);
    });
    const c = client();
    const started = Date.now();
    const fetched = await c.getManifest(ref('acme/busy'));
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(fetched.digest).toBe(image.manifestDigest);
    await c.close();
  });

  it('rejects a manifest that is not JSON or does not match its digest', async () => {
    hostile.route(
      'GET /v2/acme/html/manifests/1',
      serve('<html>maintenance</html>', { 'content-type': 'text/html' }),
    );
    hostile.route(
      'GET /v2/acme/lying/manifests/1',
      serve(image.manifest, {
        'docker-content-digest': `sha256:${'0'.repeat(64)}`,
      }),
    );
    const c = client();
    expect((await failure(c.getManifest(ref('acme/html')))).message).toBe(
      `registry ${hostile.host} for acme/html: the manifest 1 cannot be read: the manifest is not JSON`,
    );
    const mismatch = await failure(c.getManifest(ref('acme/lying')));
    expect(mismatch.kind).toBe('digest-mismatch');
    expect(mismatch.message).toMatch(/does not match its digest sha256:0{64}/);
    await c.close();
  });

  it('reports a truncated layer and a layer that does not match its digest as findings', async () => {
    serveImage(
      'acme/truncated',
      image,
      image.layer.subarray(0, Math.floor(image.layer.length / 2)),
    );
    const other = await inMemoryImage(dir, { 'other.txt': 'other\n' });
    serveImage('acme/tampered', image, other.layer);
    const ins = inspector({ maxLayerBytes: 1e9, maxEntries: 1e6 });
    const truncated = await ins.inspect(`${hostile.host}/acme/truncated:1`);
    expect(truncated.deepAnalysis).toMatchObject({ complete: false });
    expect(
      truncated.findings.find(f => f.ruleId === 'IMG011')?.message,
    ).toMatch(/truncated|ends early/);
    expect(truncated.efficiency).toBeUndefined();
    const tampered = await ins.inspect(`${hostile.host}/acme/tampered:1`);
    expect(tampered.findings.find(f => f.ruleId === 'IMG011')?.message).toMatch(
      /hashes to sha256:\w+, not to its digest/,
    );
    await ins.close();
  });

  it('stops a gzip bomb and a flood of entries at the configured caps', async () => {
    execFileSync('sh', [
      '-c',
      `cd ${dir} && truncate -s 64M zeros && tar cf - zeros | gzip -1 > bomb.tar.gz && mkdir -p many && cd many && for i in $(seq 1 300); do : > f$i; done`,
    ]);
    const bomb = await readFile(join(dir, 'bomb.tar.gz'));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const bombImage = await inMemoryImage(dir, {}, bomb);
    serveImage('acme/bomb', bombImage);
    const manyTar = await tarDirectory(
      join(dir, 'many'),
      join(dir, 'many.tar'),
    );
    const manyImage = await inMemoryImage(dir, {}, gzipSync(manyTar));
    serveImage('acme/many', manyImage);
    const ins = inspector({ maxLayerBytes: 16 * 1024 * 1024, maxEntries: 100 });
    const exploded = await ins.inspect(`${hostile.host}/acme/bomb:1`);
    expect(exploded.findings.find(f => f.ruleId === 'IMG010')?.message).toMatch(
      /expands to more than 16777216 bytes.*decompression bomb.*imageHealth\.deepAnalysis\.maxLayerBytes/,
    );
    const flooded = await ins.inspect(`${hostile.host}/acme/many:1`);
    expect(flooded.findings.find(f => f.ruleId === 'IMG010')?.message).toMatch(
      /more than 100 files/,
    );
    await ins.close();
  });

  it('follows a blob redirect without forwarding Authorization', async () => {
    storage.route('GET /blob/layer', serve(image.layer));
    hostile.route(
      `GET /v2/acme/redirect/blobs/${image.layerDigest}`,
      (_req, res) => {
        res
          .writeHead(307, {
            location: `http://${storage.host}/blob/layer?sig=abc`,
          })
          .end();
      },
    );
    // storage is a host of its own on loopback: allowed because it is configured
    const c = client({
      registries: [
        {
          host: hostile.host,
          insecure: true,
          auth: { token: `tok-${PASSWORD}` },
        },
        { host: storage.host, insecure: true },
      ],
    });
    const body = await c.openBlob(ref('acme/redirect'), image.layerDigest);
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(image.layer)).toBe(true);
    expect(
      hostile.requests
        .filter(r => r.path.includes('acme/redirect'))
        .every(r => r.authorization === `Bearer tok-${PASSWORD}`),
    ).toBe(true);
    expect(storage.requests.filter(r => r.path === '/blob/layer')).toEqual([
      { method: 'GET', path: '/blob/layer', authorization: undefined },
    ]);
    await c.close();
  });
});
