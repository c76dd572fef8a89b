// Prints "N passed, N failed" from jest --json result files (and the e2e
// runner's, which uses the same numTotal/numPassed/numFailed fields).
import { readFileSync, existsSync } from 'node:fs';

let passed = 0;
let failed = 0;
for (const file of process.argv.slice(2)) {
  if (!existsSync(file)) {
    console.error(`no test results in ${file}: the runner crashed before writing them`);
    failed += 1;
    continue;
  }
  const result = JSON.parse(readFileSync(file, 'utf8'));
  passed += result.numPassedTests ?? 0;
  failed += result.numFailedTests ?? 0;
  // A suite that fails to load reports no tests; count it as a failure.
  failed += (result.testResults ?? []).filter(
    suite => suite.status === 'failed' && (suite.assertionResults ?? []).length === 0,
  ).length;
}
console.log(`${passed} passed, ${failed} failed`);
