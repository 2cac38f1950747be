import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/app-config';
import { startServer, type RunningServer } from '../../src/server';

/** Boots the real API (real Postgres from DATABASE_URL, set by the global setup) on a random port. */
export async function startTestApp(
  env: Record<string, string | undefined> = {},
): Promise<RunningServer> {
  const config = loadConfig({
    DATABASE_URL: process.env.DATABASE_URL,
    CLICKHOUSE_URL: process.env.CLICKHOUSE_URL,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'gw-test-')),
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'error',
    ENCRYPTION_KEY: 'a'.repeat(64),
    SHUTDOWN_GRACE_MS: '2000',
    ...env,
  });
  return startServer(config);
}

export async function api<T = any>(
  base: string,
  method: string,
  path: string,
  opts: { userId?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: T; headers: Headers }> {
  const res = await fetch(base + path, {
    method,
    headers: {
      ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(opts.userId ? { 'x-user-id': opts.userId } : {}),
      ...opts.headers,
    },
    body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
  });
  const text = await res.text();
  return {
    status: res.status,
    body: (text ? JSON.parse(text) : undefined) as T,
    headers: res.headers,
  };
}
