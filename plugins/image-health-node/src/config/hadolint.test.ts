import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../cli/main';
import { resolveCliConfig } from '../cli/config';
import { hadolintConfigCandidates } from './hadolint';

/** A Dockerfile that hadolint reports DL3008 (unpinned apt) and DL3009 (lists kept) on, among others. */
const APT =
  'FROM debian:bookworm-slim\n# hadolint ignore=DL3015\nRUN apt-get update && apt-get install -y curl\nUSER 10001\n';

describe('.hadolint.yaml', () => {
  let dir: string;
  let home: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ih-hadolint-'));
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'ih-home-'));
    fs.writeFileSync(path.join(dir, 'Dockerfile'), APT);
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(home, { recursive: true, force: true });
  });

  async function lint(args: string[], env: Record<string, string> = {}) {
    let stdout = '';
    let stderr = '';
    const code = await main(['lint', 'Dockerfile', ...args], {
      stdout: t => (stdout += t),
      stderr: t => (stderr += t),
      cwd: dir,
      env: { HOME: home, ...env },
    });
    return { code, stdout, stderr };
  }

  function ids(json: string): string[] {
    return JSON.parse(json).flatMap((r: any) =>
      r.findings.flatMap((f: any) => [f.ruleId, ...f.equivalents]),
    );
  }

  it('ignored: [DL3008] in the working directory stops DL3008', async () => {
    expect(ids((await lint(['--format', 'json'])).stdout)).toContain('DL3008');
    fs.writeFileSync(path.join(dir, '.hadolint.yaml'), 'ignored: [DL3008]\n');
    const run = await lint(['--format', 'json']);
    expect(run.stderr).toBe('');
    expect(ids(run.stdout)).not.toContain('DL3008');
    expect(ids(run.stdout)).toContain('DL3009');
  });

  it('override sets severities and failure-threshold decides the exit code, as hadolint would', async () => {
    fs.writeFileSync(
      path.join(dir, '.hadolint.yml'),
      'override:\n  error: [DL3009]\n  style: [DL3008]\nfailure-threshold: error\n',
    );
    const run = await lint(['--format', 'json']);
    const findings = JSON.parse(run.stdout)[0].findings;
    const dl3009 = findings.find((f: any) => f.equivalents.includes('DL3009'));
    const dl3008 = findings.find((f: any) => f.equivalents.includes('DL3008'));
    expect([dl3009.severity, dl3008.severity]).toEqual(['error', 'style']);
    expect(run.code).toBe(1);
    // Without the DL3009 error, nothing reaches the error threshold.
    fs.writeFileSync(
      path.join(dir, '.hadolint.yml'),
      'override:\n  style: [DL3008, DL3009]\nfailure-threshold: error\n',
    );
    expect((await lint([])).code).toBe(0);
    // --fail-on on the command line wins over the file.
    expect((await lint(['--fail-on', 'style'])).code).toBe(1);
  });

  it('no-fail: findings never fail the run', async () => {
    fs.writeFileSync(
      path.join(dir, '.hadolint.yaml'),
      'failure-threshold: style\nno-fail: true\n',
    );
    expect((await lint([])).code).toBe(0);
  });

  it('disable-ignore-pragma: the # hadolint ignore= comment no longer hides DL3015', async () => {
    expect(ids((await lint(['--format', 'json'])).stdout)).not.toContain(
      'DL3015',
    );
    fs.writeFileSync(
      path.join(dir, '.hadolint.yaml'),
      'disable-ignore-pragma: true\n',
    );
    expect(ids((await lint(['--format', 'json'])).stdout)).toContain('DL3015');
  });

  it('label-schema and strict-labels turn the label rules on', async () => {
    fs.writeFileSync(
      path.join(dir, 'Dockerfile'),
      'FROM debian:bookworm-slim\nLABEL maintainer="not-an-email" extra=x\nUSER 10001\n',
    );
    fs.writeFileSync(
      path.join(dir, '.hadolint.yaml'),
      'label-schema:\n  maintainer: email\n  version: semver\nstrict-labels: true\n',
    );
    const found = ids((await lint(['--format', 'json'])).stdout);
    // DL3058 invalid email, DL3049 missing label, DL3050 superfluous label.
    expect(found).toEqual(
      expect.arrayContaining(['DL3058', 'DL3049', 'DL3050']),
    );
  });

  it('format sets the output format unless --format is given', async () => {
    fs.writeFileSync(path.join(dir, '.hadolint.yaml'), 'format: checkstyle\n');
    expect((await lint([])).stdout).toContain('<checkstyle version="4.3">');
    expect((await lint(['--format', 'json'])).stdout.startsWith('[')).toBe(
      true,
    );
  });

  it('trustedRegistries reaches the analyzer as its trustedRegistries option', () => {
    fs.writeFileSync(
      path.join(dir, '.hadolint.yaml'),
      'trustedRegistries: [docker.io, registry.acme.internal]\n',
    );
    const config = resolveCliConfig(
      undefined,
      { stdout: () => {}, stderr: () => {}, cwd: dir, env: { HOME: home } },
      { dive: false },
    );
    expect(config.rules.trustedRegistries).toEqual([
      'docker.io',
      'registry.acme.internal',
    ]);
  });

  it('an unknown key or a bad value is a warning on stderr naming it', async () => {
    fs.writeFileSync(
      path.join(dir, '.hadolint.yaml'),
      'ignored: [DL3008]\nignore: [DL3009]\nfailure-threshold: fatal\noverride:\n  critical: [DL3015]\nlabel-schema:\n  team: phone\n',
    );
    const run = await lint(['--format', 'json']);
    expect(run.stderr).toContain('.hadolint.yaml: unknown key "ignore"');
    expect(run.stderr).toContain('failure-threshold must be one of');
    expect(run.stderr).toContain('override.critical is not a severity');
    expect(run.stderr).toContain('label-schema.team is "phone"');
    // What was understood still applies.
    expect(ids(run.stdout)).not.toContain('DL3008');
  });

  it('a failure-threshold naming an object property (constructor, toString) is a warning, not a threshold', async () => {
    const withoutConfig = (await lint(['--format', 'json'])).code;
    for (const name of ['constructor', 'toString', '__proto__']) {
      fs.writeFileSync(
        path.join(dir, '.hadolint.yaml'),
        `failure-threshold: ${name}\n`,
      );
      const run = await lint(['--format', 'json']);
      expect(run.stderr).toContain(
        `failure-threshold must be one of error, warning, info, style, ignore, none, not "${name}"`,
      );
      // Ignored: the exit code is decided as without a threshold.
      expect(run.code).toBe(withoutConfig);
    }
  });

  it('is found where hadolint looks: the working directory first, then XDG config, then home', async () => {
    const xdg = path.join(home, 'xdg');
    fs.mkdirSync(xdg);
    fs.writeFileSync(path.join(home, '.hadolint.yaml'), 'ignored: [DL3009]\n');
    expect(ids((await lint(['--format', 'json'])).stdout)).not.toContain(
      'DL3009',
    );
    fs.writeFileSync(path.join(xdg, 'hadolint.yaml'), 'ignored: [DL3008]\n');
    const fromXdg = ids(
      (await lint(['--format', 'json'], { XDG_CONFIG_HOME: xdg })).stdout,
    );
    // The first file found is used alone, as in hadolint.
    expect(fromXdg).not.toContain('DL3008');
    expect(fromXdg).toContain('DL3009');
    fs.writeFileSync(path.join(dir, '.hadolint.yaml'), 'ignored: [DL3015]\n');
    expect(
      ids((await lint(['--format', 'json'], { XDG_CONFIG_HOME: xdg })).stdout),
    ).toEqual(expect.arrayContaining(['DL3008', 'DL3009']));
    expect(hadolintConfigCandidates('/w', { HOME: '/h' })).toEqual([
      '/w/.hadolint.yaml',
      '/w/.hadolint.yml',
      '/h/.config/hadolint.yaml',
      '/h/.config/hadolint.yml',
      '/h/.hadolint/hadolint.yaml',
      '/h/.hadolint/hadolint.yml',
      '/h/.hadolint/config.yaml',
      '/h/.hadolint/config.yml',
      '/h/.hadolint.yaml',
      '/h/.hadolint.yml',
    ]);
  });

  it('--config names a hadolint file explicitly, and an image-health config still works', async () => {
    fs.writeFileSync(path.join(dir, 'lint.yaml'), 'ignored: [DL3008]\n');
    expect(
      ids((await lint(['--config', 'lint.yaml', '--format', 'json'])).stdout),
    ).not.toContain('DL3008');
    fs.writeFileSync(
      path.join(dir, 'app-config.yaml'),
      'imageHealth:\n  rules:\n    ignore: [DL3009]\n',
    );
    expect(
      ids(
        (await lint(['--config', 'app-config.yaml', '--format', 'json']))
          .stdout,
      ),
    ).not.toContain('DL3009');
  });
});
