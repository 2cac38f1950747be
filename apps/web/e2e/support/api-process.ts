import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ApiProcess {
  baseUrl: string;
  output: () => string;
  stop: () => Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(
  baseUrl: string,
  child: ChildProcess,
  output: () => string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`API exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${baseUrl}/health`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`API did not become healthy within ${timeoutMs} ms:\n${output()}`);
}

/** Starts the real API (`apps/api/dist/main.js`) on a free port with a throwaway data directory. */
export async function startApi(options: {
  repoRoot: string;
  webDist: string;
  env: Record<string, string>;
  /** A port chosen beforehand (when the API's address must be known first, e.g. for PUBLIC_URL). */
  port?: number;
}): Promise<ApiProcess> {
  const main = join(options.repoRoot, 'apps/api/dist/main.js');
  if (!existsSync(main))
    throw new Error(`${main} is missing: build the API first (npx nx run api:build)`);
  const port = options.port ?? (await freePort());
  const dataDir = mkdtempSync(join(tmpdir(), 'gateway-e2e-'));
  // As root the embedded Postgres runs as the unprivileged 'postgres' user: a folder it can enter keeps the
  // cluster inside (else it would live under /var/lib/llm-gateway/clusters and outlive the rmSync in stop).
  chmodSync(dataDir, 0o755);
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? tmpdir(),
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    WEB_DIST_DIR: options.webDist,
    EMBEDDED_POSTGRES_PORT: String(await freePort()),
    LOG_LEVEL: 'warn',
    ...options.env,
  };
  if (process.env.DATABASE_URL) env.DATABASE_URL = process.env.DATABASE_URL;
  const child = spawn(process.execPath, [main], {
    cwd: options.repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const append = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  let stopping = false;
  // An API crash mid-run would otherwise surface only as browser connection errors.
  child.once('exit', (code, signal) => {
    if (!stopping)
      process.stderr.write(
        `[e2e] API exited unexpectedly (code ${code}, signal ${signal}):\n${log}\n`,
      );
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    stopping = true;
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(baseUrl, child, () => log, 180_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, output: () => log, stop };
}
