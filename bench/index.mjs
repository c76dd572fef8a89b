// `yarn bench`: runs every bench/*.bench.mjs in turn, each of which measures
// itself beside its peer in the same run and rewrites its own section of
// BENCHMARKS.md. `yarn bench lint` runs only the benchmarks whose name matches.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const benches = readdirSync(here)
  .filter(f => f.endsWith('.bench.mjs'))
  .filter(f => only.length === 0 || only.some(o => f.includes(o)))
  .sort();

let failed = 0;
for (const bench of benches) {
  process.stdout.write(`\n=== ${bench}\n`);
  const run = spawnSync(process.execPath, [join(here, bench)], { stdio: 'inherit' });
  if (run.status !== 0) {
    failed += 1;
    process.stderr.write(`${bench} failed (exit ${run.status})\n`);
  }
}
process.exitCode = failed ? 1 : 0;
