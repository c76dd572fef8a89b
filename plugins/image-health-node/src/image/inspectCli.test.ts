import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImageResult } from '@image-health/plugin-image-health-common';
import { main } from '../cli/main';
import { requireBinaries } from '../testing/binaries';
import {
  OciLayoutWriter,
  pushLayout,
  tarDirectory,
  writeTree,
} from '../testing/fixtures';
import { startRegistry, type TestRegistry } from '../testing/registry';

jest.setTimeout(60_000);

let dir: string;
let open: TestRegistry;
let basic: TestRegistry;
let layoutDir: string;

beforeAll(async () => {
  requireBinaries(['docker-registry', 'skopeo', 'htpasswd', 'tar']);
  dir = await mkdtemp(join(tmpdir(), 'image-health-cli-'));
  const storage = join(dir, 'storage');
  [open, basic] = await Promise.all([
    startRegistry({ dir, storage }),
    startRegistry({
      dir,
      storage,
      auth: { kind: 'htpasswd', users: { bob: 'cli-secret' } },
    }),
  ]);
  layoutDir = join(dir, 'layout');
  const layout = await new OciLayoutWriter(layoutDir).init();
  await writeTree(join(dir, 'root'), {
    'var/lib/apt/lists/index': 'x'.repeat(40_000),
    'app/run': 'run\n',
  });
  const layer = await layout.layer(
    await tarDirectory(join(dir, 'root'), join(dir, 'root.tar')),
    'gzip',
  );
  await layout.image({
    tag: 'v1',
    layers: [layer],
    config: { User: 'app', ExposedPorts: { '80/tcp': {} } },
  });
  await pushLayout(layoutDir, 'v1', `${open.host}/acme/cli:1`);
});

afterAll(async () => {
  await Promise.all([open?.stop(), basic?.stop()]);
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function cli(args: string[], env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const saved = { ...process.env };
  Object.assign(
    process.env,
    { DOCKER_CONFIG: join(dir, 'no-docker-config') },
    env,
  );
  try {
    const code = await main(['inspect', ...args], {
      stdout: t => (stdout += t),
      stderr: t => (stderr += t),
      cwd: dir,
      env: { HOME: dir },
    });
    return { code, stdout, stderr };
  } finally {
    process.env = saved;
  }
}

describe('image-health inspect', () => {
  it('prints the ImageResult as JSON with --format json --deep', async () => {
    const { code, stdout, stderr } = await cli([
      `${open.host}/acme/cli:1`,
      '--deep',
      '--format',
      'json',
      '--insecure-registry',
      open.host,
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as ImageResult;
    expect(result).toMatchObject({
      ref: `${open.host}/acme/cli:1`,
      user: 'app',
      exposedPorts: ['80/tcp'],
      deepAnalysis: { complete: true },
    });
    expect(result.findings.map(f => f.ruleId)).toContain('IMG006');
  });

  it('prints a readable summary by default', async () => {
    const { code, stdout } = await cli([
      `${open.host}/acme/cli:1`,
      '--insecure-registry',
      open.host,
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/user: +app/);
    expect(stdout).toMatch(/IMG003 +.* defines no HEALTHCHECK/);
  });

  it('reads a local OCI layout', async () => {
    const { code, stdout } = await cli([
      `oci:${layoutDir}:v1`,
      '--deep',
      '--format',
      'json',
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).ref).toBe(`oci:${layoutDir}:v1`);
  });

  it('stops the deep analysis at a limit set by its flag, and the finding names the flag', async () => {
    const { code, stdout } = await cli([
      `oci:${layoutDir}:v1`,
      '--deep',
      '--max-entries',
      '1',
      '--format',
      'json',
    ]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as ImageResult;
    expect(result.deepAnalysis?.complete).toBe(false);
    const cap = result.findings.find(f => /--max-entries/.test(f.message));
    expect(cap?.message).toMatch(
      /imageHealth\.deepAnalysis\.maxEntries, --max-entries on the CLI/,
    );
  });

  it('takes credentials from the docker config.json', async () => {
    const configDir = join(dir, 'docker');
    await writeTree(configDir, {});
    await writeFile(
      join(configDir, 'config.json'),
      JSON.stringify({
        auths: {
          [basic.host]: {
            auth: Buffer.from('bob:cli-secret').toString('base64'),
          },
        },
      }),
    );
    const ok = await cli(
      [`${basic.host}/acme/cli:1`, '--insecure-registry', basic.host],
      { DOCKER_CONFIG: configDir },
    );
    expect(ok.code).toBe(0);
    const denied = await cli([
      `${basic.host}/acme/cli:1`,
      '--insecure-registry',
      basic.host,
    ]);
    expect(denied.code).toBe(2);
    expect(denied.stderr).toBe(
      `image-health inspect: registry ${basic.host} answered 401 for acme/cli (it wants a username and password): check the credentials for ${basic.host} in your docker config.json (docker login ${basic.host})\n`,
    );
  });

  it.each([
    [[], /expected one image reference, got 0/],
    [['Bad Ref'], /invalid image reference "Bad Ref"/],
    [['x', '--format', 'xml'], /--format must be one of tty, json, sarif/],
    [['x', '--platform', 'amd64'], /--platform must be os\/arch/],
    [['x', '--nope'], /Unknown option '--nope'/],
    [
      ['x', '--max-layers', '0'],
      /--max-layers must be a whole number of at least 1, not "0"/,
    ],
    [['x', '--max-layer-bytes', 'lots'], /--max-layer-bytes: /],
    [
      ['oci:/nonexistent/layout'],
      /index.json cannot be read: is it an OCI image layout\?/,
    ],
  ])('exits 2 with one line for %j', async (args, message) => {
    const { code, stderr } = await cli(args as string[]);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });
});
