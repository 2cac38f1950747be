import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const SummaryReporter = require('../jest-summary-reporter.js') as new (config: {
  rootDir: string;
}) => { onRunComplete(contexts: unknown, results: unknown): void };

function summarize(dir: string): { out: string; status: number } {
  try {
    const out = execFileSync(process.execPath, [join(root, 'tools/test-summary.mjs'), dir], {
      cwd: root,
      env: { ...process.env, TEST_REPORT_DIR: dir, NPM_TEST_STATUS: '0', EXTRA_FAILURES: '0' },
      encoding: 'utf8',
    });
    return { out, status: 0 };
  } catch (err) {
    const e = err as { stdout: string; status: number };
    return { out: e.stdout, status: e.status };
  }
}

describe('test summary', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'test-summary-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('names every failed test above the closing line, from jest and vitest reports', () => {
    const previous = process.env.TEST_REPORT_DIR;
    process.env.TEST_REPORT_DIR = dir;
    try {
      new SummaryReporter({ rootDir: join(root, 'apps/api') }).onRunComplete([], {
        numPassedTests: 3,
        numFailedTests: 1,
        numFailedTestSuites: 1,
        numRuntimeErrorTestSuites: 1,
        testResults: [
          {
            testFilePath: join(root, 'apps/api/test/a.e2e.spec.ts'),
            testResults: [
              { status: 'passed', fullName: 'a works' },
              { status: 'failed', fullName: 'a answers 401 for a revoked key' },
            ],
          },
          {
            testFilePath: join(root, 'apps/api/src/b.spec.ts'),
            testExecError: { message: 'Cannot find module x\n    at stack' },
            testResults: [],
          },
        ],
      });
    } finally {
      process.env.TEST_REPORT_DIR = previous;
    }
    writeFileSync(
      join(dir, 'vitest-web-1.json'),
      JSON.stringify({
        numPassedTests: 5,
        numFailedTests: 1,
        numFailedTestSuites: 1,
        testResults: [
          {
            name: join(root, 'apps/web/e2e/dashboard.e2e.ts'),
            status: 'failed',
            assertionResults: [
              { status: 'passed', fullName: 'dashboard joins' },
              { status: 'failed', fullName: 'dashboard updates over the live stream' },
            ],
          },
        ],
      }),
    );
    expect(readdirSync(dir)).toHaveLength(2);
    expect(JSON.parse(readFileSync(join(dir, readdirSync(dir)[0]), 'utf8')).failures).toEqual([
      'api/test/a.e2e.spec.ts: a answers 401 for a revoked key',
      'api/src/b.spec.ts: Cannot find module x',
    ]);

    const { out, status } = summarize(dir);
    const lines = out.trim().split('\n');
    expect(status).toBe(1);
    expect(lines.at(-1)).toBe('8 passed, 2 failed');
    expect(lines.slice(0, -1)).toEqual([
      'failed tests:',
      '  - api/test/a.e2e.spec.ts: a answers 401 for a revoked key',
      '  - api/src/b.spec.ts: Cannot find module x',
      '  - apps/web/e2e/dashboard.e2e.ts: dashboard updates over the live stream',
    ]);
  });

  it('prints only the closing line when everything passed', () => {
    writeFileSync(
      join(dir, 'jest-api-1.json'),
      JSON.stringify({ project: 'api', passed: 4, failed: 0, failedSuites: 0, failures: [] }),
    );
    expect(summarize(dir)).toEqual({ out: '4 passed, 0 failed\n', status: 0 });
  });
});
