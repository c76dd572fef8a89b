import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDockerfile } from '../dockerfile/parse';
import { ImageInspector, listImageRules } from '.';
import { requireBinaries } from '../testing/binaries';
import {
  buildFixtures,
  wastefulExpected,
  WASTEFUL,
  type FixtureSet,
} from '../testing/images';
import { startRegistry, type TestRegistry } from '../testing/registry';

jest.setTimeout(180_000);

let dir: string;
let registry: TestRegistry;
let fixtures: FixtureSet;

beforeAll(async () => {
  requireBinaries([
    'docker-registry',
    'skopeo',
    'umoci',
    'buildah',
    'zstd',
    'tar',
    'busybox',
  ]);
  dir = await mkdtemp(join(tmpdir(), 'image-health-inspector-'));
  registry = await startRegistry({ dir, storage: join(dir, 'storage') });
  fixtures = await buildFixtures(dir, registry.host);
});

afterAll(async () => {
  await registry?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

function inspector(
  extra: Partial<ConstructorParameters<typeof ImageInspector>[0]> = {},
) {
  return new ImageInspector({
    registries: [{ host: registry.host, insecure: true }],
    ...extra,
  });
}

function ruleIds(result: { findings: Array<{ ruleId: string }> }): string[] {
  return result.findings.map(f => f.ruleId).sort();
}

describe('shallow inspection', () => {
  it('reads size, layers with history, user, ports, env names and labels in two requests', async () => {
    const ins = inspector();
    const result = await ins.inspect(fixtures.refs.wasteful);
    expect(ins.requestStats.total).toBe(2);
    expect(result.ref).toBe(fixtures.refs.wasteful);
    expect(result.platform).toBe('linux/amd64');
    expect(result.platforms).toEqual(['linux/amd64']);
    expect(result.layers.map(l => [l.createdBy, l.emptyLayer])).toEqual([
      ['ADD rootfs.tar /', false],
      ['ENV API_TOKEN=hunter2', true],
      ['RUN /bin/sh -c apt-get update && pip install x', false],
      ['RUN /bin/sh -c rm /tmp/junk', false],
    ]);
    expect(result.layers[1].digest).toBe('');
    expect(result.compressedBytes).toBe(
      result.layers.reduce((s, l) => s + l.compressedBytes, 0),
    );
    expect(result.compressedBytes).toBeGreaterThan(WASTEFUL.data * 2);
    expect(result).toMatchObject({
      user: '',
      userIsRoot: true,
      rootKind: 'implicit',
      exposedPorts: ['8080/tcp', '9090/tcp'],
      secretEnvNames: ['API_TOKEN'],
      labels: {
        'org.opencontainers.image.source': 'https://example.invalid/acme/app',
      },
      createdAt: '2026-01-02T03:04:05Z',
      os: 'linux',
      architecture: 'amd64',
    });
    expect(result.healthcheck).toBeUndefined();
    expect(result.efficiency).toBeUndefined();
    expect(ruleIds(result)).toEqual(['IMG001', 'IMG002', 'IMG003']);
    await ins.close();
  });

  it('resolves a tag to its digest with one HEAD request', async () => {
    const ins = inspector();
    const digest = await ins.resolveDigest(fixtures.refs.wasteful);
    expect(ins.requestStats).toEqual({ total: 1, byKind: { head: 1 } });
    const result = await ins.inspect(fixtures.refs.wasteful);
    expect(result.digest).toBe(digest);
    await ins.close();
  });

  it('tells explicit root, numeric uid 0 and non-root users apart', async () => {
    const ins = inspector();
    const docker = await ins.inspect(fixtures.refs.docker);
    expect(docker).toMatchObject({
      user: 'root',
      userIsRoot: true,
      rootKind: 'explicit',
    });
    const arm = await ins.inspect(fixtures.refs.multi, {
      platform: 'linux/arm64',
    });
    expect(arm).toMatchObject({
      user: '0',
      userIsRoot: true,
      rootKind: 'explicit',
      platform: 'linux/arm64/v8',
    });
    expect(arm.findings.find(f => f.ruleId === 'IMG001')?.message).toMatch(
      /uid 0/,
    );
    const mixed = await ins.inspect(fixtures.refs.mixed);
    expect(mixed).toMatchObject({
      user: '1000:1000',
      userIsRoot: false,
      rootKind: 'none',
    });
    expect(mixed.healthcheck).toBe('wget -q -O- http://localhost:8080/health');
    expect(ruleIds(mixed)).toEqual([]);
    await ins.close();
  });

  it('picks the configured platform from a multi-arch index and reports the others', async () => {
    const ins = inspector();
    const amd = await ins.inspect(fixtures.refs.multi);
    expect(amd.platform).toBe('linux/amd64');
    expect(amd.platforms).toEqual(['linux/amd64', 'linux/arm64/v8']);
    expect(amd.user).toBe('app');
    await expect(
      ins.inspect(fixtures.refs.multi, { platform: 'linux/s390x' }),
    ).rejects.toThrow(
      /has no linux\/s390x image \(it has linux\/amd64, linux\/arm64\/v8\)/,
    );
    await ins.close();
  });

  it('reads Docker schema 2 manifests', async () => {
    const ins = inspector();
    const result = await ins.inspect(fixtures.refs.docker, { deep: true });
    expect(result.layers).toHaveLength(1);
    expect(result.deepAnalysis).toMatchObject({ complete: true });
    await ins.close();
  });
});

describe('deep analysis', () => {
  it('gives dive-compatible efficiency and wasted bytes, and honest reclaimable bytes', async () => {
    const ins = inspector();
    const result = await ins.inspect(fixtures.refs.wasteful, { deep: true });
    const expected = wastefulExpected();
    expect(result.deepAnalysis).toMatchObject({ complete: true });
    expect(result.efficiency).toBeCloseTo(expected.efficiency, 10);
    expect(result.wastedBytes).toBe(expected.wastedBytes);
    expect(result.reclaimableBytes).toBe(expected.reclaimableBytes);
    expect(result.uncompressedBytes).toBe(fixtures.wastefulTarBytes);
    expect(
      result.layers
        .filter(l => !l.emptyLayer)
        .every(l => typeof l.uncompressedBytes === 'number'),
    ).toBe(true);
    expect(result.largestFiles?.[0]).toMatchObject({
      path: '/app/data.bin',
      bytes: WASTEFUL.data,
      layer: result.layers[3].digest,
    });
    await ins.close();
  });

  it('finds caches, setuid files, secret files and .git, each pointing at its layer', async () => {
    const ins = inspector();
    const result = await ins.inspect(fixtures.refs.wasteful, { deep: true });
    const byRule = (id: string) => result.findings.filter(f => f.ruleId === id);
    const caches = byRule('IMG006').map(f => f.message);
    expect(caches).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^apt lists .*\/var\/lib\/apt\/lists/),
        expect.stringMatching(/^pip cache .*\/root\/.cache\/pip/),
      ]),
    );
    expect(byRule('IMG006')[0].layer).toBe(result.layers[2].digest);
    expect(byRule('IMG004')[0].message).toMatch(
      /1 setuid\/setgid files: \/usr\/bin\/passwd/,
    );
    expect(
      byRule('IMG005')
        .map(f => f.message)
        .sort(),
    ).toEqual([
      expect.stringMatching(/\/app\/.env/),
      expect.stringMatching(/\/srv\/tls\/server.pem/),
    ]);
    expect(byRule('IMG009')[0].message).toMatch(/\/app\/.git/);
    expect(byRule('IMG008')[0].message).toMatch(/\/app\/data.bin/);
    expect(byRule('IMG007').map(f => f.message)).toEqual([
      expect.stringMatching(
        /ships the gcc toolchain: 1\.0 MB in \/usr\/lib\/gcc/,
      ),
    ]);
    // the hardlink and the symlink are there, and the opaque dir hid the older file
    expect(result.findings.some(f => f.message.includes('/app/cache/c1'))).toBe(
      false,
    );
    await ins.close();
  });

  it('reads zstd and uncompressed layers', async () => {
    const ins = inspector();
    const result = await ins.inspect(fixtures.refs.mixed, { deep: true });
    expect(result.deepAnalysis).toMatchObject({ complete: true });
    expect(result.largestFiles?.map(f => f.path)).toEqual([
      '/opt/z/file',
      '/opt/raw/file',
      '/hello.txt',
    ]);
    expect(result.efficiency).toBe(1);
    expect(result.wastedBytes).toBe(0);
    await ins.close();
  });
});

describe('an image built by buildah from a Dockerfile', () => {
  it('finds the base image and names the Dockerfile line that left the apt lists', async () => {
    const ins = inspector({ baseImages: [fixtures.refs.base] });
    const result = await ins.inspect(fixtures.refs.built, {
      deep: true,
      dockerfile: {
        location: 'Dockerfile',
        model: parseDockerfile(fixtures.dockerfile),
      },
    });
    expect(result.user).toBe('1000');
    expect(result.baseImage).toBe(fixtures.refs.base);
    expect(['annotation', 'layers']).toContain(result.baseImageSource);
    expect(result.baseImageShare).toBeGreaterThan(0.5);
    expect(result.baseImageOutdated).toBe(false);
    const cache = result.findings.find(f => f.ruleId === 'IMG006');
    expect(cache).toMatchObject({ file: 'Dockerfile', line: 2, endLine: 3 });
    expect(cache?.remediation.after).toContain('rm -rf /var/lib/apt/lists/*');
    await ins.close();
  });

  it('falls back to the Dockerfile FROM and tells when the base tag moved on', async () => {
    const ins = inspector();
    const result = await ins.inspect(fixtures.refs.wasteful, {
      dockerfile: {
        location: 'Dockerfile',
        model: parseDockerfile(
          `FROM ${fixtures.refs.multi}\nENV API_TOKEN=hunter2\nRUN true\n`,
        ),
      },
    });
    expect(result).toMatchObject({
      baseImage: fixtures.refs.multi,
      baseImageSource: 'dockerfile',
      baseImageOutdated: true,
    });
    expect(result.findings.map(f => f.ruleId)).toContain('IMG012');
    expect(result.findings.find(f => f.ruleId === 'IMG002')).toMatchObject({
      file: 'Dockerfile',
      line: 2,
    });
    await ins.close();
  });

  it('reads the same image from a docker-archive and an OCI layout', async () => {
    const ins = inspector({ allowLocalSources: true });
    const fromRegistry = await ins.inspect(fixtures.refs.built, { deep: true });
    for (const ref of [
      `docker-archive:${fixtures.builtArchive}`,
      `oci:${fixtures.builtLayout}:latest`,
    ]) {
      const local = await ins.inspect(ref, { deep: true });
      expect(local.ref).toBe(ref);
      expect(local.user).toBe('1000');
      expect(local.deepAnalysis).toMatchObject({ complete: true });
      expect(local.uncompressedBytes).toBe(fromRegistry.uncompressedBytes);
      expect(local.efficiency).toBe(fromRegistry.efficiency);
    }
    // blobs: the registry image's config and layers, and its base's config; the local sources fetched none
    expect(ins.requestStats.byKind.blob).toBe(
      2 + fromRegistry.layers.filter(l => !l.emptyLayer).length,
    );
    await ins.close();
  });

  it('refuses local sources unless allowed', async () => {
    await expect(
      inspector().inspect(`oci:${fixtures.builtLayout}`),
    ).rejects.toThrow(/only the CLI reads local images/);
  });
});

describe('rules', () => {
  it('lists every image rule with metadata', () => {
    const rules = listImageRules();
    expect(rules.length).toBeGreaterThanOrEqual(12);
    for (const rule of rules) {
      expect(rule).toEqual(
        expect.objectContaining({
          id: expect.stringMatching(/^IMG\d{3}$/),
          title: expect.any(String),
          description: expect.any(String),
        }),
      );
    }
  });
});
