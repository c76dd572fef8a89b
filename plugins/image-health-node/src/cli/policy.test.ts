import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Report } from '@image-health/plugin-image-health-common';
import { corpusFile } from '../quality/corpus';
import { main } from './main';
import { runScan } from './scan';

function run(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: (t: string) => (stdout += t),
    stderr: (t: string) => (stderr += t),
    cwd,
  };
  // main() loads scan with a dynamic import, which jest's VM cannot run.
  const exit = args[0] === 'scan' ? runScan(args.slice(1), io) : main(args, io);
  return exit.then(code => ({ code, stdout, stderr }));
}

const STATIC_SITE = 'apps/docker/labs/beginner/static-site/Dockerfile'; // FROM nginx, no USER

describe('--policy', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ih-policy-cli-'));
    fs.writeFileSync(path.join(dir, 'Dockerfile'), corpusFile(STATIC_SITE));
    // The block as it stands in app-config, so one file serves the backend and CI.
    fs.writeFileSync(
      path.join(dir, 'app-config.yaml'),
      'imageHealth:\n  policy:\n    forbiddenBaseImages: ["*:latest"]\n    allowedBaseImageRegistries: [docker.io]\n',
    );
    fs.writeFileSync(
      path.join(dir, 'non-root.yaml'),
      'policy:\n  requireNonRoot: true\n',
    );
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lint fails on a policy error that the rules alone let pass', async () => {
    const plain = await run(['lint', 'Dockerfile', '--fail-on', 'error'], dir);
    expect(plain.code).toBe(0);
    const bound = await run(
      [
        'lint',
        'Dockerfile',
        '--fail-on',
        'error',
        '--policy',
        'app-config.yaml',
      ],
      dir,
    );
    expect(bound.code).toBe(1);
    expect(bound.stdout).toContain(
      'Dockerfile:1 error policy-forbidden-base-image: base image nginx is forbidden by the policy (it matches "*:latest")',
    );
    expect(bound.stdout).not.toContain('policy-base-image-registry');
  });

  it('fails per the threshold: a policy warning fails --fail-on warning only', async () => {
    const args = ['lint', 'Dockerfile', '--policy', 'non-root.yaml'];
    expect((await run([...args, '--fail-on', 'error'], dir)).code).toBe(0);
    const warning = await run([...args, '--fail-on', 'warning'], dir);
    expect(warning.code).toBe(1);
    expect(warning.stdout).toContain('warning policy-non-root');
  });

  it('scan prints the policy findings in the report, with the capped score, and exits 1', async () => {
    const { code, stdout, stderr } = await run(
      [
        'scan',
        '--dockerfile',
        'Dockerfile',
        '--format',
        'json',
        '--policy',
        'app-config.yaml',
      ],
      dir,
    );
    expect({ code, stderr }).toEqual({ code: 1, stderr: '' });
    const report = JSON.parse(stdout) as Report;
    expect(
      report.dockerfiles[0].findings
        .filter(f => f.category === 'policy')
        .map(f => f.ruleId),
    ).toEqual(['policy-forbidden-base-image']);
    expect(report.score.value).toBe(69);
    expect(report.score.cappedBy).toMatch(
      /^1 policy violation: capped at 69 from \d+$/,
    );
  });

  it('refuses a policy with a mistyped key, naming it, with exit code 2', async () => {
    fs.writeFileSync(
      path.join(dir, 'typo.yaml'),
      'policy:\n  requireNonroot: true\n',
    );
    const { code, stderr } = await run(
      ['lint', 'Dockerfile', '--policy', 'typo.yaml'],
      dir,
    );
    expect(code).toBe(2);
    expect(stderr).toBe(
      `image-health lint: policy ${path.join(
        dir,
        'typo.yaml',
      )}: policy.requireNonroot is not a policy setting; use allowedBaseImageRegistries, forbiddenBaseImages, requireNonRoot, requiredLabels, maxImageSize\n`,
    );
  });
});
