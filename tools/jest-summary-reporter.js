// Writes each jest run's pass/fail counts to $TEST_REPORT_DIR/<project>-<pid>.json for .ci/run to sum.
const { mkdirSync, writeFileSync } = require('node:fs');
const { basename, join, relative } = require('node:path');

const firstLine = (text) =>
  String(text ?? '')
    .split('\n')[0]
    .slice(0, 200);

class SummaryReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const dir = process.env.TEST_REPORT_DIR;
    if (!dir) return;
    mkdirSync(dir, { recursive: true });
    const failedSuites = results.numRuntimeErrorTestSuites + results.numFailedTestSuites;
    // Names of what failed, so the closing lines of a cut CI log still say which tests to look at.
    const failures = results.testResults.flatMap((suite) => {
      const file = `${basename(this.rootDir)}/${relative(this.rootDir, suite.testFilePath)}`;
      const broken = suite.testExecError
        ? [`${file}: ${firstLine(suite.testExecError.message)}`]
        : [];
      return broken.concat(
        suite.testResults.filter((t) => t.status === 'failed').map((t) => `${file}: ${t.fullName}`),
      );
    });
    writeFileSync(
      join(dir, `jest-${basename(this.rootDir)}-${process.pid}.json`),
      JSON.stringify({
        project: basename(this.rootDir),
        passed: results.numPassedTests,
        failed: results.numFailedTests,
        failedSuites,
        failures,
      }),
    );
  }
}

module.exports = SummaryReporter;
