// Sums the per-project test reports in $TEST_REPORT_DIR and prints the closing line `N passed, N failed`.
// Exits non-zero when anything failed or no report was written.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** `file: full name` of each failed test in a vitest JSON report (a file that failed to load included). */
function vitestFailures(report) {
  return (report.testResults ?? []).flatMap((file) => {
    const name = relative(process.cwd(), file.name ?? '');
    const tests = file.assertionResults ?? [];
    if (file.status === 'failed' && !tests.some((t) => t.status === 'failed')) {
      return [
        `${name}: ${String(file.message ?? 'failed to run')
          .split('\n')[0]
          .slice(0, 200)}`,
      ];
    }
    return tests.filter((t) => t.status === 'failed').map((t) => `${name}: ${t.fullName}`);
  });
}

const dir = process.env.TEST_REPORT_DIR ?? process.argv[2];
let passed = 0;
let failed = 0;
let reports = 0;
const failures = [];
for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
  const raw = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  // Our jest reporter writes {passed, failed, failedSuites}; vitest's JSON reporter uses jest's field names.
  const r =
    raw.numPassedTests !== undefined
      ? {
          passed: raw.numPassedTests,
          failed: raw.numFailedTests,
          failedSuites: raw.numFailedTestSuites,
          failures: vitestFailures(raw),
        }
      : raw;
  failures.push(...(r.failures ?? []));
  reports++;
  passed += r.passed;
  // A suite that crashed before its tests ran counts as one failure.
  failed += r.failed + (r.failed === 0 ? (r.failedSuites ?? 0) : 0);
}
// Checks outside jest (lint, typecheck, build, schema drift) count as one failure each.
failed += Number(process.env.EXTRA_FAILURES ?? 0);
if (Number(process.env.NPM_TEST_STATUS ?? 0) !== 0 && failed === 0) failed = 1;
// Named just above the closing line: a CI log cut to its last lines still says what to look at.
if (failures.length > 0) {
  console.log(`failed tests:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || reports === 0 ? 1 : 0);
