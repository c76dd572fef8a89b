import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {
  ImageResult,
  Report,
} from '@image-health/plugin-image-health-common';
import { main } from '../cli/main';
import { runScan } from '../cli/scan';
import { requireBinaries } from '../testing/binaries';
import {
  OciLayoutWriter,
  pushLayout,
  tarDirectory,
  writeTree,
} from '../testing/fixtures';
import { startRegistry, type TestRegistry } from '../testing/registry';
import { redactReport } from '.';

// Every value below is a secret the image or the Dockerfile carries; none may be printed or kept.
const SECRETS = [
  'hunter2-db',
  'tok-paren-1',
  'label-secret-1',
  'label-secret-2',
  'hc-secret-3',
  'npm-secret-4',
];

// A service that bakes a database password into ENV, as the attacker image does.
const DOCKERFILE = [
  'FROM node:20',
  'ENV DB_PASSWORD=hunter2-db',
  'ENV API_TOKEN(=tok-paren-1',
  'ARG NPM_TOKEN',
  'RUN npm ci',
  'CMD ["node", "server.js"]',
  '',
].join('\n');

describe('secrets in a real image', () => {
  let dir: string;
  let registry: TestRegistry;
  let image: string;

  beforeAll(async () => {
    requireBinaries(['docker-registry', 'skopeo', 'tar']);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ih-secrets-'));
    registry = await startRegistry({ dir, storage: path.join(dir, 'storage') });
    const tree = path.join(dir, 'tree');
    await writeTree(tree, { 'app/server.js': 'console.log(1)\n' });
    const layout = await new OciLayoutWriter(path.join(dir, 'layout')).init();
    const layer = await layout.layer(
      await tarDirectory(tree, `${tree}.tar`),
      'gzip',
    );
    await layout.image({
      layers: [layer],
      config: {
        Env: [
          'PATH=/usr/local/bin:/usr/bin',
          'DB_PASSWORD=hunter2-db',
          'API_TOKEN(=tok-paren-1',
        ],
        Labels: {
          'com.acme.db-password': 'label-secret-1',
          'org.opencontainers.image.source':
            'https://deploy:label-secret-2@git.acme.dev/acme/app',
        },
        Healthcheck: {
          Test: [
            'CMD-SHELL',
            'curl -fsS -u monitor:hc-secret-3 http://localhost/health',
          ],
        },
        Cmd: ['node', 'server.js'],
      },
      history: [
        {
          created_by: '/bin/sh -c #(nop)  ENV DB_PASSWORD=hunter2-db',
          empty_layer: true,
        },
        {
          created_by: '/bin/sh -c #(nop)  ENV API_TOKEN(=tok-paren-1',
          empty_layer: true,
        },
        { created_by: 'RUN |1 NPM_TOKEN=npm-secret-4 /bin/sh -c npm ci' },
      ],
      tag: 'v1',
    });
    image = `${registry.host}/acme/leaky:v1`;
    await pushLayout(layout.dir, 'v1', image);
    fs.writeFileSync(path.join(dir, 'Dockerfile'), DOCKERFILE);
  }, 120_000);

  afterAll(async () => {
    await registry?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('inspect --format json prints the names and none of the values', async () => {
    let stdout = '';
    const saved = process.env.DOCKER_CONFIG;
    process.env.DOCKER_CONFIG = path.join(dir, 'no-docker-config');
    let code: number;
    try {
      code = await main(
        [
          'inspect',
          image,
          '--insecure-registry',
          registry.host,
          '--format',
          'json',
        ],
        {
          stdout: t => (stdout += t),
          stderr: () => {},
          cwd: dir,
          env: { HOME: dir },
        },
      );
    } finally {
      if (saved === undefined) delete process.env.DOCKER_CONFIG;
      else process.env.DOCKER_CONFIG = saved;
    }
    expect(code).toBe(0);
    for (const secret of SECRETS) expect(stdout).not.toContain(secret);
    const result = JSON.parse(stdout) as ImageResult;
    expect(result.secretEnvNames).toEqual(['DB_PASSWORD', 'API_TOKEN(']);
    expect(result.labels).toEqual({
      'com.acme.db-password': '[redacted]',
      'org.opencontainers.image.source':
        'https://deploy:[redacted]@git.acme.dev/acme/app',
    });
    expect(result.healthcheck).toBe(
      'curl -fsS -u monitor:[redacted] http://localhost/health',
    );
    expect(result.layers.map(l => l.createdBy)).toEqual([
      '/bin/sh -c #(nop)  ENV DB_PASSWORD=[redacted]',
      '/bin/sh -c #(nop)  ENV API_TOKEN(=[redacted]',
      'RUN |1 NPM_TOKEN=[redacted] /bin/sh -c npm ci',
    ]);
    expect(
      result.findings.find(f => f.message.includes('DB_PASSWORD'))?.message,
    ).toContain('API_TOKEN(');
  });

  it('scan keeps the image analysis of an env name that is regex syntax, and its redacted report holds no value', async () => {
    let stdout = '';
    let stderr = '';
    const code = await runScan(
      [
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
      {
        stdout: t => (stdout += t),
        stderr: t => (stderr += t),
        cwd: dir,
      },
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = redactReport(JSON.parse(stdout) as Report);
    expect(report.status).toBe('ok');
    // The finding points at the Dockerfile line that set the first secret.
    const secretEnv = report.images[0].findings.find(f =>
      f.message.includes('API_TOKEN('),
    );
    expect(secretEnv).toMatchObject({ file: 'Dockerfile', line: 2 });
    const stored = JSON.stringify(report);
    for (const secret of SECRETS) expect(stored).not.toContain(secret);
  });
});
