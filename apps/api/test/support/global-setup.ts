// One database for the whole run: DATABASE_URL when set (CI), else a real embedded Postgres started by the
// product's own code (so the tests boot it exactly as `npm start` does, as root from a private clone too).
// Each app boot migrates under a Postgres advisory lock, so parallel test files never race.
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/database/embedded-postgres';
import { freePort } from './free-port';

export interface EmbeddedTestDatabase {
  db: EmbeddedDatabase;
  dir: string;
}

declare global {
  var __EMBEDDED_PG__: EmbeddedTestDatabase | undefined;
}

const say = (message: unknown) => process.stderr.write(`[embedded postgres] ${String(message)}\n`);

export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) return;
  const dir = mkdtempSync(join(tmpdir(), 'gw-test-pg-'));
  // As root the server runs as 'postgres': a traversable folder keeps the cluster in it (else it would go
  // to /var/lib/llm-gateway/clusters).
  chmodSync(dir, 0o755);
  const db = await startEmbeddedPostgres(dir, await freePort(), {
    database: 'test',
    logger: { log: () => undefined, debug: () => undefined, warn: say, error: say },
  });
  globalThis.__EMBEDDED_PG__ = { db, dir };
  process.env.DATABASE_URL = db.url;
}
