/* eslint-disable no-console -- the e2e runner reports on the console */
// A minimal step runner for the e2e script: every check is one test in a
// jest-shaped result file, so scripts/count-results.mjs counts it.
import { writeFileSync } from 'node:fs';

export const results = [];

export async function check(title, fn) {
  const started = Date.now();
  try {
    await fn();
    results.push({
      title,
      status: 'passed',
      duration: Date.now() - started,
      failureMessages: [],
    });
    console.log(`  ✓ ${title}`);
  } catch (error) {
    results.push({
      title,
      status: 'failed',
      duration: Date.now() - started,
      failureMessages: [String(error?.stack ?? error)],
    });
    console.log(
      `  ✕ ${title}\n    ${String(error?.message ?? error)
        .split('\n')
        .join('\n    ')}`,
    );
  }
}

/** Writes the results; `crash` records a run that could not start its checks. */
export function writeResults(file, crash) {
  const assertionResults = crash
    ? [{ title: 'e2e setup', status: 'failed', failureMessages: [crash] }]
    : results;
  const failed = assertionResults.filter(r => r.status === 'failed').length;
  writeFileSync(
    file,
    JSON.stringify(
      {
        numTotalTests: assertionResults.length,
        numPassedTests: assertionResults.length - failed,
        numFailedTests: failed,
        testResults: [
          {
            name: 'packages/app/e2e/run.mjs',
            status: failed ? 'failed' : 'passed',
            assertionResults,
          },
        ],
      },
      null,
      2,
    ),
  );
}
