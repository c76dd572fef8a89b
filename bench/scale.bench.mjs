// Backend scale benchmark (issue 4): runs
// plugins/image-health-backend/bench/scale.bench.ts on the PostgreSQL at
// 127.0.0.1:5432 and replaces the "Backend scans and scorecard at scale"
// section of BENCHMARKS.md with what it prints. Takes ~10 minutes, most of
// it the `skopeo inspect` loop it is compared with.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = spawnSync(
  process.execPath,
  [
    '-r',
    '@backstage/cli/config/nodeTransform.cjs',
    'plugins/image-health-backend/bench/scale.bench.ts',
    ...process.argv.slice(2),
  ],
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

const start = '<!-- backend-scale:start (written by bench/scale.bench.mjs) -->';
const end = '<!-- backend-scale:end -->';
const file = join(root, 'BENCHMARKS.md');
const text = readFileSync(file, 'utf8');
const section = `${start}\n${run.stdout.trim()}\n${end}`;
const next = text.includes(start)
  ? text.slice(0, text.indexOf(start)) + section + text.slice(text.indexOf(end) + end.length)
  : `${text.trimEnd()}\n\n${section}\n`;
writeFileSync(file, next);
