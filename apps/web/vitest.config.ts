import { fileURLToPath, URL } from 'node:url';
import { defineConfig } from 'vitest/config';

// One run covers both projects so a single `--reporter=json --outputFile=...` captures everything;
// groupOrder makes the unit tests finish before the browser test starts.
export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
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
