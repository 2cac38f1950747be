import { existsSync, realpathSync } from 'node:fs';
import { readFile, unlink } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { StartupError } from '../../common/startup-error';
import { commandLine, isAlive, parentOf, processName, terminatePid } from './processes';
import type { Log } from './types';

// Leftovers of an earlier run on the same cluster: a server still running, a stale postmaster.pid.

/** A postmaster still running on our cluster after its gateway died (e.g. `kill -9`) is stopped; a stale pid file removed. */
export async function stopLeftoverServer(clusterDir: string, logger: Log): Promise<void> {
  const pidFile = join(clusterDir, 'postmaster.pid');
  let text: string;
  try {
    text = await readFile(pidFile, 'utf8');
  } catch {
    return;
  }
  const pid = Number(text.split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && isPostmasterOf(pid, clusterDir)) {
    const parent = parentOf(pid);
    if (parent && parent !== 1 && isAlive(parent) && processName(parent) === 'node') {
      throw new StartupError(
        `The embedded Postgres cluster ${clusterDir} is in use by another running gateway (node pid ${parent}): stop it first, or give this one its own DATA_DIR`,
      );
    }
    logger.warn(
      `A Postgres server left running by an earlier run (pid ${pid}) still holds ${clusterDir}: stopping it`,
    );
    if (!(await terminatePid(pid))) {
      throw new StartupError(
        `A Postgres server left running by an earlier run (pid ${pid}) holds ${clusterDir} and could not be stopped: stop it (kill ${pid}) and start again`,
      );
    }
  }
  if (existsSync(pidFile)) {
    await unlink(pidFile);
    logger.warn(`Removed the stale ${pidFile} left by an earlier run`);
  }
}

function isPostmasterOf(pid: number, clusterDir: string): boolean {
  const args = commandLine(pid);
  if (!args?.length || !basename(args[0]).startsWith('postgres')) return false;
  const i = args.indexOf('-D');
  return i >= 0 && samePath(args[i + 1] ?? '', clusterDir);
}

function samePath(a: string, b: string): boolean {
  if (resolve(a) === resolve(b)) return true;
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}
