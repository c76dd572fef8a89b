import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Report } from '@image-health/plugin-image-health-common';
import { runScan } from './scan';
import { requireBinaries } from '../testing/binaries';
import {
  OciLayoutWriter,
  pushLayout,
  tarDirectory,
  writeTree,
} from '../testing/fixtures';
import { startRegistry, type TestRegistry } from '../testing/registry';

function run(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  // main() loads scan with a dynamic import, which jest's VM cannot run.
  return runScan(args.slice(1), {
    stdout: t => (stdout += t),
    stderr: t => (stderr += t),
    cwd,
  }).then(code => ({ code, stdout, stderr }));
}

// A Go service shipped on the full toolchain image, as in the seed guide's first case.
const GO_SINGLE_STAGE =
  'FROM golang:1.21\nWORKDIR /app\nCOPY . .\nRUN go build -o main .\nCMD ["./main"]\n';

describe('image-health scan', () => {
  let dir: string;
  let registry: TestRegistry;
  let image: string;

  beforeAll(async () => {
    requireBinaries(['docker-registry', 'skopeo']);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ih-scan-'));
    registry = await startRegistry({ dir, storage: path.join(dir, 'storage') });
    // A 3 MB incompressible binary in one layer, run as root by default.
    const tree = path.join(dir, 'tree');
    await writeTree(tree, {
      'app/main': {
        content: randomBytes(3 * 1024 * 1024),
        mode: 0o755,
      },
    });
    const layout = await new OciLayoutWriter(path.join(dir, 'layout')).init();
    const layer = await layout.layer(
      await tarDirectory(tree, `${tree}.tar`),
      'gzip',
    );
    await layout.image({
      layers: [layer],
      config: { Cmd: ['/app/main'] },
      history: [{ created_by: 'COPY /out/main /app/main # buildkit' }],
      tag: 'v1',
    });
    image = `${registry.host}/acme/payments:v1`;
    await pushLayout(layout.dir, 'v1', image);
    fs.writeFileSync(path.join(dir, 'Dockerfile'), GO_SINGLE_STAGE);
  }, 120_000);

  afterAll(async () => {
    await registry?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('scores a Dockerfile and its image as one report', async () => {
    const { code, stdout, stderr } = await run(
      [
        'scan',
        '--dockerfile',
        'Dockerfile',
        '--image',
        image,
        '--insecure-registry',
        registry.host,
        '--format',
        'json',
        '--fail-on',
        'none',
      ],
      dir,
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as Report;
    expect(report.status).toBe('ok');
    expect(report.dockerfiles[0].findings.map(f => f.ruleId)).toContain(
      'single-stage-compiled-build',
    );
    expect(report.images[0]).toMatchObject({
      ref: image,
      userIsRoot: true,
      rootKind: 'implicit',
    });
    expect(report.images[0].compressedBytes).toBeGreaterThan(3 * 1024 * 1024);
    // The image is measured, so size is judged on it, not on the base image estimate.
    expect(report.score.categories.size.detail).toMatch(
      /^3\.\d MB compressed against a 20\.0 MB go budget/,
    );
    expect(report.score.value).not.toBeNull();
  });

  it('fails the build below --min-score', async () => {
    const low = await run(
      [
        'scan',
        '--dockerfile',
        'Dockerfile',
        '--min-score',
        '95',
        '--fail-on',
        'none',
      ],
      dir,
    );
    expect(low.code).toBe(1);
    expect(low.stdout).toMatch(/^score: \d+ \([A-F]\)/);
    const high = await run(
      [
        'scan',
        '--dockerfile',
        'Dockerfile',
        '--min-score',
        '10',
        '--fail-on',
        'none',
      ],
      dir,
    );
    expect(high.code).toBe(0);
  });

  it('keeps the Dockerfile findings and reports partial when an image cannot be read', async () => {
    const missing = `${registry.host}/acme/payments:does-not-exist`;
    const { code, stdout, stderr } = await run(
      [
        'scan',
        '--dockerfile',
        'Dockerfile',
        '--image',
        missing,
        '--insecure-registry',
        registry.host,
        '--format',
        'json',
        '--fail-on',
        'none',
      ],
      dir,
    );
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as Report;
    expect(report.status).toBe('partial');
    expect(report.error).toContain('does-not-exist');
    expect(report.dockerfiles[0].findings.length).toBeGreaterThan(0);
    expect(stderr).toContain('image-health scan: ');
  });

  it('refuses a scan with nothing to scan (main turns this into exit 2)', async () => {
    await expect(run(['scan'], dir)).rejects.toThrow(
      /give a --dockerfile, an --image or both/,
    );
    await expect(
      run(['scan', '--dockerfile', 'Dockerfile', '--min-score', '120'], dir),
    ).rejects.toThrow(/--min-score must be a number from 0 to 100/);
  });
});
