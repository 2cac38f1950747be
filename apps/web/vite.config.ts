import { fileURLToPath, URL } from 'node:url';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const apiTarget = process.env.API_URL ?? 'http://127.0.0.1:3000';
// Anchored regex: a plain '/gateway' prefix would also swallow the dashboard's own '/gateways' pages.
const apiPaths =
  '^/(auth|gateway|teams|analytics|catalog|v1|v1beta|health|ready|metrics|mcp|docs|openapi\\.json)(/|\\?|$)';

export default defineConfig({
  plugins: [react(), tailwindcss()],
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./src', import.meta.url)),
      // Types only in the bundle, plus the zod-free role table (`access.ts`): the package has no side
      // effects, so the schemas' modules (and zod) are left out.
      '@gateway/contracts': fileURLToPath(
        new URL('../../libs/contracts/src/index.ts', import.meta.url),
      ),
    },
  },
  server: {
    proxy: { [apiPaths]: { target: apiTarget, changeOrigin: true } },
  },
  // One dashboard bundle (~240 kB gzip, mostly React + Recharts) is fine for a self-hosted admin UI.
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1000 },
});
