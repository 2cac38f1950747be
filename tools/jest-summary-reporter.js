// Writes each jest run's pass/fail counts to $TEST_REPORT_DIR/<project>-<pid>.json for .ci/run to sum.
const { mkdirSync, writeFileSync } = require('node:fs');
const { basename, join } = require('node:path');

class SummaryReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const dir = process.env.TEST_REPORT_DIR;
    if (!dir) return;
    mkdirSync(dir, { recursive: true });
    const failedSuites = results.numRuntimeErrorTestSuites + results.numFailedTestSuites;
    writeFileSync(
      join(dir, `jest-${basename(this.rootDir)}-${process.pid}.json`),
      JSON.stringify({
        project: basename(this.rootDir),
        passed: results.numPassedTests,
        failed: results.numFailedTests,
        failedSuites,
      }),
    );
  }
}

module.exports = SummaryReporter;
