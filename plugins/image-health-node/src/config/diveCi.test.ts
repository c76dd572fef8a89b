import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../cli/main';
import { runScan } from '../cli/scan';
import type { CliIO } from '../cli/io';
import { requireBinaries } from '../testing/binaries';
import {
  OciLayoutWriter,
  pushLayout,
  tarDirectory,
  writeTree,
} from '../testing/fixtures';
import { startRegistry, type TestRegistry } from '../testing/registry';
import { parseDiveBytes } from './diveCi';

const KiB = 1024;
const MAIN = 256 * KiB;
const DATA = 100 * KiB;
const EXTRA = 300 * KiB;

describe('dive thresholds (.dive-ci and flags) on a real image', () => {
  let dir: string;
  let registry: TestRegistry;
  let image: string;
  /** dive's measures of the image, computed from what was put in it. */
  let expected: { efficiency: number; wasted: number; userWasted: number };

  beforeAll(async () => {
    requireBinaries(['docker-registry', 'skopeo']);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ih-dive-'));
    registry = await startRegistry({ dir, storage: path.join(dir, 'storage') });
    // Layer 1 ships app/main and app/data; layer 2 rewrites app/data and adds app/extra.
    const base = path.join(dir, 'base');
    await writeTree(base, {
      'app/main': { content: randomBytes(MAIN), mode: 0o755 },
      'app/data': { content: randomBytes(DATA), mode: 0o644 },
    });
    const update = path.join(dir, 'update');
    await writeTree(update, {
      'app/data': { content: randomBytes(DATA), mode: 0o644 },
      'app/extra': { content: randomBytes(EXTRA), mode: 0o644 },
    });
    const layout = await new OciLayoutWriter(path.join(dir, 'layout')).init();
    const baseTar = await tarDirectory(base, `${base}.tar`);
    const updateTar = await tarDirectory(update, `${update}.tar`);
    const layers = [
      await layout.layer(baseTar, 'gzip'),
      await layout.layer(updateTar, 'gzip'),
    ];
    await layout.image({
      layers,
      config: { Cmd: ['/app/main'] },
      history: [
        { created_by: 'COPY main data /app/ # buildkit' },
        { created_by: 'COPY data extra /app/ # buildkit' },
      ],
      tag: 'v1',
    });
    image = `${registry.host}/acme/dive:v1`;
    await pushLayout(layout.dir, 'v1', image);
    // dive (filetree/efficiency.go, image/analysis.go): app/data was written
    // twice, so its two copies are wasted; efficiency is the smallest copy of
    // each path over all copies; user bytes are every layer but the first.
    expected = {
      efficiency: (MAIN + DATA + EXTRA) / (MAIN + 2 * DATA + EXTRA),
      wasted: 2 * DATA,
      userWasted: (2 * DATA) / updateTar.length,
    };
  }, 120_000);

  afterAll(async () => {
    await registry?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function io(cwd: string, out: { stdout: string; stderr: string }): CliIO {
    return {
      stdout: t => (out.stdout += t),
      stderr: t => (out.stderr += t),
      cwd,
      env: { HOME: cwd },
    };
  }

  /** `inspect` in a directory holding the given .dive-ci (none when undefined). */
  async function inspect(diveCi: string | undefined, flags: string[] = []) {
    const cwd = fs.mkdtempSync(path.join(dir, 'run-'));
    if (diveCi !== undefined)
      fs.writeFileSync(path.join(cwd, '.dive-ci'), diveCi);
    const out = { stdout: '', stderr: '' };
    const code = await main(
      [
        'inspect',
        image,
        '--insecure-registry',
        registry.host,
        '--format',
        'json',
        ...flags,
      ],
      io(cwd, out),
    );
    return { code, ...out };
  }

  /** A .dive-ci that sets one rule and turns dive's other defaults off. */
  const only = (rule: string) => {
    const [key] = rule.trim().split(':');
    const rules: Record<string, string> = {
      lowestEfficiency: 'disabled',
      highestUserWastedPercent: 'off',
    };
    if (key)
      rules[key] = rule
        .trim()
        .slice(key.length + 1)
        .trim();
    return `rules:\n${Object.entries(rules)
      .map(([k, v]) => `  ${k}: ${v}\n`)
      .join('')}`;
  };

  it('measures the image as dive does', async () => {
    const run = await inspect(only(''), ['--deep']);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.efficiency).toBeCloseTo(expected.efficiency, 6);
    expect(result.wastedBytes).toBe(expected.wasted);
  });

  it('lowestEfficiency: fails below the threshold, passes at or above it', async () => {
    const below = Math.floor(expected.efficiency * 100) / 100;
    const above = below + 0.01;
    expect((await inspect(only(`  lowestEfficiency: ${below}`))).code).toBe(0);
    const failing = await inspect(only(`  lowestEfficiency: ${above}`));
    expect(failing.code).toBe(1);
    expect(failing.stderr).toContain('image efficiency is too low');
    // The flag says the same, and wins over the file.
    expect(
      (
        await inspect(only(`  lowestEfficiency: ${above}`), [
          '--min-efficiency',
          `${below}`,
        ])
      ).code,
    ).toBe(0);
    expect(
      (await inspect(undefined, ['--min-efficiency', `${above}`])).code,
    ).toBe(1);
  });

  it('highestWastedBytes: fails above it, read with go-humanize units (KB = 1000, KiB = 1024)', async () => {
    // 200 KiB are wasted: 200KiB is not above it, 200KB (200 000) is.
    expect((await inspect(only('  highestWastedBytes: 200KiB'))).code).toBe(0);
    expect(
      (await inspect(only(`  highestWastedBytes: ${expected.wasted}`))).code,
    ).toBe(0);
    const failing = await inspect(only('  highestWastedBytes: 200KB'));
    expect(failing.code).toBe(1);
    expect(failing.stderr).toContain(
      'too many bytes wasted (wasted-bytes=204800',
    );
    expect(
      (await inspect(undefined, ['--max-wasted-bytes', '204799'])).code,
    ).toBe(1);
    expect(
      (await inspect(undefined, ['--max-wasted-bytes', 'disabled'])).code,
    ).toBe(0);
    expect([
      parseDiveBytes('20MB'),
      parseDiveBytes('20 MiB'),
      parseDiveBytes('1.5k'),
    ]).toEqual([20_000_000, 20 * 1024 * 1024, 1500]);
  });

  it('highestUserWastedPercent: wasted bytes over every layer but the first', async () => {
    const ratio = expected.userWasted;
    expect(ratio).toBeGreaterThan(0.3);
    expect(ratio).toBeLessThan(0.7);
    const above = Math.ceil(ratio * 100) / 100;
    const below = Math.floor(ratio * 100) / 100;
    expect(
      (await inspect(only(`  highestUserWastedPercent: ${above}`))).code,
    ).toBe(0);
    const failing = await inspect(only(`  highestUserWastedPercent: ${below}`));
    expect(failing.code).toBe(1);
    expect(failing.stderr).toContain('relative to the user bytes added');
    expect(
      (await inspect(undefined, ['--max-wasted-percent', `${below}`])).code,
    ).toBe(1);
  });

  it("keys a .dive-ci leaves out take dive's defaults (efficiency 0.9, user-wasted 0.1)", async () => {
    // Only highestWastedBytes is set, generously: dive still fails this image on its defaults.
    const run = await inspect('rules:\n  highestWastedBytes: 1GB\n');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('lowestEfficiency=0.9');
    expect(run.stderr).toContain('highestUserWastedPercent=0.1');
    // Without a .dive-ci and without flags, dive's rules are not applied at all.
    expect((await inspect(undefined)).code).toBe(0);
  });

  it('an unknown key or a bad value in .dive-ci is a warning naming it', async () => {
    const run = await inspect(
      'rules:\n  lowestEfficiency: 0.1\n  highestUserWastedPercent: 5\n  lowestSize: 3\n',
    );
    expect(run.stderr).toContain('.dive-ci: unknown rule "lowestSize"');
    expect(run.stderr).toContain(
      'highestUserWastedPercent 5 is not a ratio from 0 to 1',
    );
    // The bad value keeps dive's default (0.1), which this image fails.
    expect(run.code).toBe(1);
  });

  it('--max-size fails an image above it', async () => {
    expect((await inspect(undefined, ['--max-size', '100KB'])).code).toBe(1);
    expect((await inspect(undefined, ['--max-size', '10MB'])).code).toBe(0);
  });

  it('--min-category fails the scan (exit 1) when a category scores below it', async () => {
    fs.writeFileSync(
      path.join(dir, 'Dockerfile'),
      'FROM alpine:3.20\nCOPY . /app/\nCMD ["/app/main"]\n',
    );
    const scan = async (flags: string[]) => {
      const out = { stdout: '', stderr: '' };
      // main() loads scan with a dynamic import, which jest's VM cannot run.
      const code = await runScan(
        [
          '--dockerfile',
          'Dockerfile',
          '--image',
          image,
          '--insecure-registry',
          registry.host,
          '--fail-on',
          'none',
          '--format',
          'json',
          ...flags,
        ],
        io(dir, out),
      );
      return { code, ...out, report: JSON.parse(out.stdout) };
    };
    const plain = await scan([]);
    expect(plain.code).toBe(0);
    // The image runs as root: security scores below 100.
    const security = plain.report.score.categories.security.value;
    expect(security).toBeLessThan(100);
    const failing = await scan([
      '--min-category',
      `security=${security + 1},size=0`,
    ]);
    expect(failing.code).toBe(1);
    expect(failing.stderr).toContain(
      `security score ${security} is below --min-category security=${
        security + 1
      }`,
    );
    expect((await scan(['--min-category', `security=${security}`])).code).toBe(
      0,
    );
  }, 60_000);
});
