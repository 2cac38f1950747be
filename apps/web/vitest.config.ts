import { join } from 'node:path';
import { fileURLToPath, URL } from 'node:url';
import { defineConfig } from 'vitest/config';

// One run covers both projects so a single `--reporter=json --outputFile=...` captures everything;
// groupOrder makes the unit tests finish before the browser test starts.
// CI sets TEST_REPORT_DIR: the JSON report there is summed with the jest reports by tools/test-summary.mjs.
const reportDir = process.env.TEST_REPORT_DIR;

export default defineConfig({
  test: {
    reporters: reportDir
      ? ['default', ['json', { outputFile: join(reportDir, `vitest-web-${process.pid}.json`) }]]
      : ['default'],
    projects: [
      {
        resolve: {
          alias: {
            '@': fileURLToPath(new URL('./src', import.meta.url)),
            '@gateway/contracts': fileURLToPath(
              new URL('../../libs/contracts/src/index.ts', import.meta.url),
            ),
          },
        },
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts'],
          environment: 'node',
          sequence: { groupOrder: 0 },
        },
      },
      './vitest.e2e.config.ts',
    ],
  },
});
