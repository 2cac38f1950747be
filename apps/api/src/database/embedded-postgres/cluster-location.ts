import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { realpath, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { StartupError, describeError } from '../../common/startup-error';
import { blockingFolder, makeSystemDir, reachableAs } from './system-user';
import { POINTER_FILE, RUN_AS, SYSTEM_DIR, type Log, type RunAs } from './types';

// Where the cluster lives: DATA_DIR/postgres, unless the unprivileged user cannot reach DATA_DIR; then in
// /var/lib/llm-gateway/clusters/<name>-<hash>, with DATA_DIR/POSTGRES_LOCATION.txt pointing to it.

export async function clusterLocation(
  dataDir: string,
  user: RunAs | undefined,
  logger: Log,
): Promise<string> {
  const inside = join(dataDir, 'postgres');
  if (!user || existsSync(join(inside, 'PG_VERSION'))) {
    if (user && !reachableAs(dataDir, user)) {
      throw new StartupError(
        `DATA_DIR=${dataDir}: the unprivileged '${RUN_AS}' user that runs the embedded Postgres cannot reach its cluster in ${inside} (${blockingFolder(dataDir, user)} is private); make that folder traversable (chmod o+x), or move the cluster to ${SYSTEM_DIR}/clusters/<name>/pgdata and write its path into ${join(dataDir, POINTER_FILE)}`,
      );
    }
    return inside;
  }
  const pointer = join(dataDir, POINTER_FILE);
  const recorded = existsSync(pointer)
    ? readFileSync(pointer, 'utf8').split('\n')[0].trim()
    : undefined;
  if (recorded) {
    logger.log(`DATA_DIR=${dataDir}: the embedded Postgres cluster lives in ${recorded}`);
    return recorded;
  }
  if (reachableAs(dataDir, user)) return inside;

  const real = await realpath(dataDir);
  const id = createHash('sha256').update(real).digest('hex').slice(0, 12);
  const home = join(SYSTEM_DIR, 'clusters', `${basename(real) || 'root'}-${id}`);
  const blocking = blockingFolder(dataDir, user);
  try {
    await makeSystemDir(home);
    if (!reachableAs(home, user)) throw new Error(`${blockingFolder(home, user)} is private`);
    await writeFile(join(home, 'DATA_DIR.txt'), `${real}\n`, { mode: 0o644 });
  } catch (err) {
    throw new StartupError(
      `DATA_DIR=${dataDir} is private (${blocking} cannot be entered by the unprivileged '${RUN_AS}' user that runs the embedded Postgres) and ${home} could not be prepared for the cluster instead (${describeError(err)}); make that folder traversable (chmod o+x), run as an ordinary user, or set DATABASE_URL`,
    );
  }
  const cluster = join(home, 'pgdata');
  await writeFile(
    pointer,
    `${cluster}\n\n` +
      `The embedded Postgres cluster for this DATA_DIR lives in the folder above, not here:\n` +
      `the gateway runs as root, Postgres refuses root and runs as the unprivileged '${RUN_AS}' user,\n` +
      `which cannot enter ${blocking}. Back up both folders; delete both to start afresh.\n` +
      `The gateway reads the first line of this file at every start.\n`,
    { mode: 0o644 },
  );
  logger.warn(
    `DATA_DIR=${dataDir} is private (the unprivileged '${RUN_AS}' user that runs Postgres cannot enter ${blocking}): the embedded Postgres cluster lives in ${cluster} (recorded in ${pointer})`,
  );
  return cluster;
}
