import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, mkdir, readdir, rename, rm, rmdir, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { StartupError, describeError } from '../../common/startup-error';
import { PASSWORD, SUPERUSER, lastLines, type Binaries, type RunAs } from './types';

// Creating a new cluster with initdb (first start on a DATA_DIR).

export async function initialiseCluster(
  bin: Binaries,
  clusterDir: string,
  user: RunAs | undefined,
): Promise<void> {
  // initdb works in a sibling folder renamed at the end: a crash half-way leaves nothing that looks like a cluster.
  const partial = `${clusterDir}.initdb`;
  await rm(partial, { recursive: true, force: true });
  if (existsSync(clusterDir)) {
    if ((await readdir(clusterDir)).length) {
      throw new StartupError(
        `${clusterDir} is not empty but holds no Postgres cluster (no PG_VERSION): move it away and start again`,
      );
    }
    await rmdir(clusterDir);
  }
  await mkdir(dirname(clusterDir), { recursive: true });
  await mkdir(partial, { mode: 0o700 });
  const passwordFile = join(dirname(clusterDir), `.pg-password-${process.pid}`);
  await writeFile(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
  if (user) {
    await chown(partial, user.uid, user.gid);
    await chown(passwordFile, user.uid, user.gid);
  }
  try {
    const { code, output } = await runToEnd(
      bin.initdb,
      [
        `--pgdata=${partial}`,
        '--auth=password',
        `--username=${SUPERUSER}`,
        `--pwfile=${passwordFile}`,
        '--encoding=UTF8',
        '--locale=C',
      ],
      user,
      dirname(clusterDir),
    );
    if (code !== 0) {
      throw new StartupError(
        `initdb failed for ${clusterDir} (exit code ${code}): ${lastLines(output)}`,
      );
    }
  } finally {
    await unlink(passwordFile).catch(() => undefined);
  }
  await rename(partial, clusterDir);
}

function runToEnd(
  file: string,
  args: string[],
  user: RunAs | undefined,
  cwd: string,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(file, args, {
      ...user,
      cwd,
      env: { ...process.env, LC_MESSAGES: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.once('error', (err) =>
      reject(new StartupError(`Could not run ${file}: ${describeError(err)}`)),
    );
    child.once('close', (code) => resolvePromise({ code, output }));
  });
}
