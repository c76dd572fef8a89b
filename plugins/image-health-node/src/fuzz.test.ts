import { spawnSync } from 'node:child_process';
import path from 'node:path';

// The short CI round of `yarn fuzz` (fuzz/fuzz.mjs): mutated corpus
// Dockerfiles and .dockerignore files, hostile layers, manifests and configs.
// A fixed seed, so a failure here replays with `yarn fuzz --seed 1 --only <index>`.
// The slow limit is 3 s rather than the long round's 1 s: CI shares 2 cores.
describe('yarn fuzz, short round', () => {
  it('feeds 300 hostile inputs to the engine without a crash or a slow input', () => {
    const root = path.resolve(__dirname, '../../..');
    const run = spawnSync(
      process.execPath,
      [
        path.join(root, 'fuzz/fuzz.mjs'),
        '--inputs',
        '300',
        '--seed',
        '1',
        '--slow-ms',
        '3000',
      ],
      { cwd: root, encoding: 'utf8', timeout: 120_000 },
    );
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.stdout).toMatch(
      /; 0 crashes, 0 over 3000 ms, peak RSS \d+ MB\n/,
    );
    expect(run.status).toBe(0);
  }, 150_000);
});
