import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { requireBinaries } from '../testing/binaries';
import {
  serve,
  startLoopbackServer,
  type LoopbackServer,
} from '../testing/httpServer';
import {
  startTlsLoopbackServer,
  type TlsLoopbackServer,
} from '../testing/tlsServer';

/**
 * An HTTPS registry whose challenge names a plain-http token realm, end to
 * end: `image-health inspect` in a child process that trusts the registry's
 * self-signed certificate (Node takes extra CAs only at start), with the
 * user's credentials for the registry in a docker config.json.
 */

jest.setTimeout(120_000);

const packageRoot = resolve(__dirname, '../..');
const PASSWORD = 'only-over-tls';
const BASIC = `Basic ${Buffer.from(`ci:${PASSWORD}`).toString('base64')}`;

let dir: string;
let registry: TlsLoopbackServer;
let plainRealm: LoopbackServer;
let realmUrl: string;

beforeAll(async () => {
  requireBinaries(['openssl']);
  dir = await mkdtemp(join(tmpdir(), 'image-health-tls-'));
  plainRealm = await startLoopbackServer();
  const token = serve(JSON.stringify({ token: 'issued', expires_in: 300 }), {
    'content-type': 'application/json',
  });
  plainRealm.route('GET /token', token);
  registry = await startTlsLoopbackServer(dir, (req, res) => {
    if (req.headers.authorization === 'Bearer issued') {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"errors":[{"code":"MANIFEST_UNKNOWN"}]}');
      return;
    }
    res.writeHead(401, {
      'www-authenticate': `Bearer realm="${realmUrl}",service="registry"`,
    });
    res.end();
  });
  registry.route('GET /token', (req, res) => {
    if (req.headers.authorization !== BASIC) res.writeHead(401).end();
    else token(req, res);
  });
  // The CLI's sources as one file of its own (not dist-cli/, which the CLI
  // tests rebuild in parallel), so a child process can trust the test CA.
  execFileSync(
    require.resolve('esbuild/bin/esbuild'),
    [
      'src/cli/main.ts',
      '--bundle',
      '--platform=node',
      '--target=node20',
      '--format=cjs',
      '--log-level=warning',
      `--outfile=${join(dir, 'cli.cjs')}`,
    ],
    { cwd: packageRoot },
  );
  await writeFile(
    join(dir, 'config.json'),
    JSON.stringify({
      auths: {
        [registry.host]: {
          auth: Buffer.from(`ci:${PASSWORD}`).toString('base64'),
        },
      },
    }),
  );
});

afterAll(async () => {
  await Promise.all([registry?.stop(), plainRealm?.stop()]);
  if (dir) await rm(dir, { recursive: true, force: true });
});

function inspect(): Promise<{ code: number | null; stderr: string }> {
  return new Promise(done => {
    const child = spawn(
      process.execPath,
      [
        '-e',
        "require(process.argv[1]).main(['inspect', ...process.argv.slice(2)]).then(code => process.exit(code))",
        '--',
        join(dir, 'cli.cjs'),
        `${registry.host}/acme/app:1`,
        '--insecure-registry',
        plainRealm.host,
      ],
      {
        env: {
          ...process.env,
          NODE_EXTRA_CA_CERTS: registry.certPath,
          DOCKER_CONFIG: dir,
        },
      },
    );
    let stderr = '';
    child.stderr.on('data', chunk => {
      stderr += chunk;
    });
    child.on('close', code => done({ code, stderr }));
  });
}

describe('token realms of an HTTPS registry', () => {
  it('refuses a plain-http realm without sending it anything, even when that host is configured', async () => {
    realmUrl = `http://${plainRealm.host}/token`;
    const { code, stderr } = await inspect();
    expect(stderr).toBe(
      `image-health inspect: registry ${registry.host} is HTTPS but asks for tokens over plain http from ${plainRealm.host}; refused, so that credentials are never sent in clear text\n`,
    );
    expect(code).toBe(2);
    expect(registry.requests.length).toBeGreaterThan(0);
    expect(plainRealm.requests).toEqual([]);
  });

  it('sends the credentials to an HTTPS realm of the same registry', async () => {
    realmUrl = `https://${registry.host}/token`;
    const { code, stderr } = await inspect();
    expect(stderr).toBe(
      `image-health inspect: registry ${registry.host} has no manifest 1 in acme/app: check the image reference\n`,
    );
    expect(code).toBe(2);
    expect(registry.requests).toContainEqual({
      method: 'GET',
      path: '/token',
      authorization: BASIC,
    });
  });
});
