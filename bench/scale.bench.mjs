// Backend scale benchmarks, each writing its own section of BENCHMARKS.md:
// - scans (issue 4): plugins/image-health-backend/bench/scale.bench.ts, ~10
//   minutes, most of it the `skopeo inspect` loop it is compared with;
// - scorecard (issue 12): plugins/image-health-backend/bench/scorecard.bench.ts,
//   100,000 entities with 40,000 hidden per caller, a few minutes.
// Both use the PostgreSQL at 127.0.0.1:5432 unless
// BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING says otherwise.
// `--part scans` or `--part scorecard` runs one; other arguments go to it.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const parts = {
  scans: {
    script: 'plugins/image-health-backend/bench/scale.bench.ts',
    marker: 'backend-scale',
  },
  scorecard: {
    script: 'plugins/image-health-backend/bench/scorecard.bench.ts',
    marker: 'scorecard-visibility',
  },
};
const args = process.argv.slice(2);
const partIndex = args.indexOf('--part');
const chosen = partIndex >= 0 ? [args[partIndex + 1]] : Object.keys(parts);
if (partIndex >= 0) args.splice(partIndex, 2);

for (const name of chosen) {
  const part = parts[name];
  if (!part) throw new Error(`--part must be one of ${Object.keys(parts).join(', ')}`);
  const run = spawnSync(
    process.execPath,
    ['-r', '@backstage/cli/config/nodeTransform.cjs', part.script, ...args],
    {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      env: {
        ...process.env,
        BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:
          process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
          'postgresql://postgres@127.0.0.1:5432',
      },
    },
  );
  process.stdout.write(run.stdout ?? '');
  if (run.status !== 0) process.exit(run.status ?? 1);

  const start = `<!-- ${part.marker}:start (written by bench/scale.bench.mjs) -->`;
  const end = `<!-- ${part.marker}:end -->`;
  const file = join(root, 'BENCHMARKS.md');
  const text = readFileSync(file, 'utf8');
  const section = `${start}\n${run.stdout.trim()}\n${end}`;
  const next = text.includes(start)
    ? text.slice(0, text.indexOf(start)) + section + text.slice(text.indexOf(end) + end.length)
    : `${text.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, next);
}
