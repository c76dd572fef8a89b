import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { toBeValidSarifLog } from '@microsoft/jest-sarif';
import { main } from './main';

// The matcher validates against the SARIF 2.1.0 JSON schema shipped in the package.
expect.extend({ toBeValidSarifLog });

const packageRoot = path.resolve(__dirname, '../..');

function run(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  return main(args, {
    stdout: t => (stdout += t),
    stderr: t => (stderr += t),
    cwd,
  }).then(code => ({ code, stdout, stderr }));
}

describe('image-health lint', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ih-lint-'));
    fs.writeFileSync(
      path.join(dir, 'Dockerfile'),
      'FROM ubuntu\nRUN apt-get update\nRUN apt-get install curl\nCMD node index.js\n',
    );
    fs.writeFileSync(
      path.join(dir, 'clean.Dockerfile'),
      `FROM node:24-slim@sha256:${'a'.repeat(
        64,
      )}\nUSER node\nHEALTHCHECK CMD ["node", "health.js"]\nCMD ["node", "index.js"]\n`,
    );
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints findings as text and fails at the threshold', async () => {
    const warn = await run(['lint', 'Dockerfile', '--fail-on', 'warning'], dir);
    expect(warn.code).toBe(1);
    expect(warn.stdout).toContain(
      'Dockerfile:1 warning base-image-untagged (DL3006): FROM ubuntu has no tag',
    );
    const clean = await run(
      ['lint', 'clean.Dockerfile', '--fail-on', 'warning'],
      dir,
    );
    expect(clean).toMatchObject({ code: 0, stderr: '' });
    expect(
      (await run(['lint', 'Dockerfile', '--fail-on', 'none'], dir)).code,
    ).toBe(0);
  });

  it('prints one DockerfileResult per file, with its path, as JSON', async () => {
    const { code, stdout } = await run(
      ['lint', 'Dockerfile', 'clean.Dockerfile', '--format', 'json'],
      dir,
    );
    const results = JSON.parse(stdout);
    expect(results.map((r: any) => r.location)).toEqual([
      'Dockerfile',
      'clean.Dockerfile',
    ]);
    expect(results[0].findings.map((f: any) => f.ruleId)).toContain(
      'apt-get-missing-yes',
    );
    expect(results[0].suggestedDockerfile).toContain(
      'apt-get install -y --no-install-recommends curl',
    );
    // The default threshold is error: these are warnings and below.
    expect(code).toBe(0);
  });

  it('writes SARIF 2.1.0 that validates against the schema', async () => {
    const { stdout } = await run(
      ['lint', 'Dockerfile', '--format', 'sarif'],
      dir,
    );
    const sarif = JSON.parse(stdout);
    // A matcher added by expect.extend above, which the rule does not know.
    /* eslint-disable jest/valid-expect */
    (
      expect(sarif) as unknown as { toBeValidSarifLog(): void }
    ).toBeValidSarifLog();
    /* eslint-enable jest/valid-expect */
    const results = sarif.runs[0].results;
    expect(results.length).toBeGreaterThan(3);
    for (const result of results) {
      expect(sarif.runs[0].tool.driver.rules[result.ruleIndex].id).toBe(
        result.ruleId,
      );
    }
  });

  it('reads rule settings from an app-config style file', async () => {
    fs.writeFileSync(
      path.join(dir, 'config.yaml'),
      'imageHealth:\n  rules:\n    ignore: [DL3006, CIS-DI-0001]\n    severity: { DL3014: error }\n',
    );
    const { stdout, code } = await run(
      ['lint', 'Dockerfile', '--config', 'config.yaml', '--format', 'json'],
      dir,
    );
    const findings = JSON.parse(stdout)[0].findings;
    expect(findings.map((f: any) => f.ruleId)).not.toContain(
      'base-image-untagged',
    );
    expect(findings.map((f: any) => f.ruleId)).not.toContain(
      'user-root-implicit',
    );
    expect(
      findings.find((f: any) => f.ruleId === 'apt-get-missing-yes').severity,
    ).toBe('error');
    expect(code).toBe(1);
  });

  it('--fix writes the suggested Dockerfile back', async () => {
    await run(['lint', 'Dockerfile', '--fix'], dir);
    const fixed = fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8');
    expect(fixed).toContain('CMD ["node", "index.js"]');
    expect(fixed).toContain(
      'RUN apt-get update \\\n    && apt-get install -y --no-install-recommends curl',
    );
  });

  it.each([
    [['lint'], /give at least one Dockerfile/],
    [
      ['lint', 'missing.Dockerfile'],
      /cannot read missing.Dockerfile: no such file/,
    ],
    [
      ['lint', 'Dockerfile', '--format', 'xml'],
      /--format must be one of tty, json, sarif, checkstyle/,
    ],
    [['lint', 'Dockerfile', '--fail-on', 'bad'], /--fail-on must be one of/],
    [['lint', 'Dockerfile', '--bogus'], /Unknown option '--bogus'/],
    [['frobnicate'], /unknown command "frobnicate"/],
  ])('exits 2 with a one-line reason for %j', async (args, reason) => {
    const { code, stderr } = await run(args, dir);
    expect(code).toBe(2);
    expect(stderr).toMatch(reason);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('exits 2 on a file that is not a Dockerfile', async () => {
    fs.writeFileSync(
      path.join(dir, 'binary'),
      Buffer.from([0, 1, 2, 3, 255, 254, 0, 0]),
    );
    const { code, stderr } = await run(['lint', 'binary'], dir);
    expect(code).toBe(2);
    expect(stderr).toMatch(/binary:1: the file is not text/);
  });

  it('runs from the built bin with the same exit codes', () => {
    execFileSync(process.execPath, ['bin/build-cli.mjs'], { cwd: packageRoot });
    const bin = path.join(packageRoot, 'bin/image-health');
    const failing = spawnSync(
      process.execPath,
      [bin, 'lint', path.join(dir, 'Dockerfile'), '--fail-on', 'warning'],
      { encoding: 'utf8' },
    );
    expect(failing.status).toBe(1);
    expect(failing.stdout).toContain('base-image-untagged');
    const usage = spawnSync(
      process.execPath,
      [bin, 'lint', '--format', 'xml', 'Dockerfile'],
      { encoding: 'utf8' },
    );
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/--format must be one of/);
  });
});
