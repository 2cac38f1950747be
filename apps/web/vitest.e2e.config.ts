import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'e2e',
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 240_000,
    fileParallelism: false,
    sequence: { groupOrder: 1 },
    // A browser step on a loaded CI machine (api tests run alongside) can take seconds: vitest's
    // default of 1 s for expect.poll failed "the audit log shows every change" there. A poll still
    // ends as soon as its value matches; tests that need another limit pass their own.
    expect: { poll: { timeout: 15_000 } },
  },
});
