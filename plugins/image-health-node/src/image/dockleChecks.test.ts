import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImageInspector } from '.';
import { requireBinaries } from '../testing/binaries';
import {
  OciLayoutWriter,
  pushLayout,
  tarDirectory,
  writeTree,
  type FixtureFile,
} from '../testing/fixtures';
import { startRegistry, type TestRegistry } from '../testing/registry';

/**
 * dockle's file checks (DKL-LI-0001, DKL-LI-0002, DKL-LI-0003) and sudo, on
 * real images: OCI layouts pushed to a registry on loopback, read deeply by the
 * inspector as any image is.
 */

jest.setTimeout(120_000);

const PASSWD = [
  'root:x:0:0:root:/root:/bin/sh',
  'toor:x:0:0:root:/root:/bin/sh',
  'app:x:1000:1000::/app:/bin/sh',
  '',
].join('\n');
const GROUP = 'root:x:0:\napp:x:1000:\nstaff:x:1000:\n';
const SHADOW_EMPTY_ROOT = 'root:::0:::::\napp:!:19000::::::\n';
const SHADOW_LOCKED = 'root:*:19000:0:99999:7:::\napp:!:19000::::::\n';

/** A cloud service-account key under a name that says nothing: found by its content. */
const SERVICE_ACCOUNT_KEY = JSON.stringify({
  type: 'service_account',
  project_id: 'acme',
  private_key:
    '-----BEGIN PRIVATE KEY-----\nMIIEFakeKeyMaterialForTestsOnly\n-----END PRIVATE KEY-----\n',
  client_email: 'ci@acme.example.invalid',
});

let dir: string;
let registry: TestRegistry;
const refs = { lax: '', strict: '' };

beforeAll(async () => {
  requireBinaries(['docker-registry', 'skopeo', 'tar']);
  dir = await mkdtemp(join(tmpdir(), 'image-health-dockle-'));
  registry = await startRegistry({ dir, storage: join(dir, 'storage') });
  const layout = await new OciLayoutWriter(join(dir, 'layout')).init();
  const layer = async (name: string, files: Record<string, FixtureFile>) => {
    const root = join(dir, 'work', name);
    await writeTree(root, files);
    return layout.layer(await tarDirectory(root, `${root}.tar`), 'gzip');
  };
  const base = await layer('base', {
    'etc/passwd': PASSWD,
    'etc/group': GROUP,
    'etc/shadow': { content: SHADOW_EMPTY_ROOT, mode: 0o640 },
    'usr/bin/sudo': { content: 'not really sudo', mode: 0o4755 },
  });
  const app = await layer('app', {
    'app/server.js': 'console.log(1)\n',
    'app/package.json': '{"name": "app", "version": "1.0.0"}\n',
    'srv/keys/gcp-sa.json': SERVICE_ACCOUNT_KEY,
    'app/.DS_Store': 'Bud1',
    'app/.server.js.swp': 'b0VIM 9.0',
  });
  // What a hardening RUN leaves: shadow locked, duplicates and sudo gone, .DS_Store deleted.
  const hardened = await layer('hardened', {
    'etc/passwd':
      'root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000::/app:/bin/sh\n',
    'etc/group': 'root:x:0:\napp:x:1000:\n',
    'etc/shadow': { content: SHADOW_LOCKED, mode: 0o640 },
    'usr/bin/.wh.sudo': '',
    'app/.wh..DS_Store': '',
    'app/.wh..server.js.swp': '',
  });
  const config = { User: '1000' };
  await layout.image({ tag: 'lax', layers: [base, app], config });
  await layout.image({ tag: 'strict', layers: [base, app, hardened], config });
  refs.lax = `${registry.host}/acme/lax:1`;
  refs.strict = `${registry.host}/acme/strict:1`;
  await pushLayout(join(dir, 'layout'), 'lax', refs.lax);
  await pushLayout(join(dir, 'layout'), 'strict', refs.strict);
});

afterAll(async () => {
  await registry?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function findings(ref: string) {
  const inspector = new ImageInspector({
    registries: [{ host: registry.host, insecure: true }],
  });
  const result = await inspector.inspect(ref, { deep: true });
  expect(result.deepAnalysis).toMatchObject({ complete: true });
  return result.findings;
}

it("reports dockle's account and file checks, sudo, and a key file found by its content", async () => {
  const found = await findings(refs.lax);
  const of = (id: string) => found.filter(f => f.ruleId === id);

  expect(of('IMG014')).toEqual([
    expect.objectContaining({
      equivalents: ['DKL-LI-0001'],
      message: expect.stringMatching(/empty password in \/etc\/shadow: root$/),
    }),
  ]);
  expect(of('IMG015').map(f => f.message)).toEqual([
    expect.stringContaining('0 (root, toor)'),
    expect.stringContaining('1000 (app, staff)'),
  ]);
  expect(of('IMG016').map(f => f.message)).toEqual(
    expect.arrayContaining([
      expect.stringContaining('/app/.DS_Store'),
      expect.stringContaining('/app/.server.js.swp'),
    ]),
  );
  expect(of('IMG005').map(f => f.message)).toEqual([
    expect.stringContaining('/srv/keys/gcp-sa.json'),
  ]);
  expect(of('IMG017').map(f => f.message)).toEqual([
    expect.stringContaining('/usr/bin/sudo'),
  ]);
  // Account names only: no password field reaches a finding.
  expect(JSON.stringify(found)).not.toContain('19000');
});

it('judges the final filesystem: a later layer that fixes the files silences them', async () => {
  const ids = (await findings(refs.strict)).map(f => f.ruleId);
  for (const id of ['IMG014', 'IMG015', 'IMG016', 'IMG017'])
    expect(ids).not.toContain(id);
});
