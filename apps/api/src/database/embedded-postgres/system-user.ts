import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, lstat, mkdir } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { StartupError } from '../../common/startup-error';
import { RUN_AS, type Log, type RunAs } from './types';

// The unprivileged user (root only): Postgres refuses to run as root, so as root it runs as `postgres`,
// created here when missing; what that user can reach decides where the binaries and the cluster live.

export async function unprivilegedUser(logger: Log): Promise<RunAs | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const existing = lookupUser(RUN_AS);
  if (existing) return existing;
  // Debian/Red Hat (useradd), then Alpine/BusyBox (adduser).
  const attempts = [
    ['groupadd', '--system', RUN_AS],
    [
      'useradd',
      '--system',
      '--gid',
      RUN_AS,
      '--no-create-home',
      '--home-dir',
      '/nonexistent',
      RUN_AS,
    ],
    ['addgroup', '-S', RUN_AS],
    ['adduser', '-S', '-D', '-H', '-G', RUN_AS, RUN_AS],
  ];
  const errors: string[] = [];
  for (const [cmd, ...args] of attempts) {
    const r = spawnSync(cmd, args, { encoding: 'utf8' });
    if (r.status !== 0) errors.push(`${cmd}: ${r.error?.message ?? r.stderr.trim()}`);
  }
  const created = lookupUser(RUN_AS);
  if (!created) {
    throw new StartupError(
      `Running as root: Postgres refuses to run as root and no '${RUN_AS}' system user exists or could be created (${errors.join('; ')}); create one (useradd --system ${RUN_AS}), run as an ordinary user, or set DATABASE_URL`,
    );
  }
  logger.log(`Created the system user '${RUN_AS}' to run the embedded Postgres (it refuses root)`);
  return created;
}

function lookupUser(name: string): RunAs | undefined {
  const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) return undefined;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

export function runsAs(file: string, user: RunAs): boolean {
  const r = spawnSync(file, ['--version'], { ...user, cwd: '/', stdio: 'ignore' });
  return r.status === 0;
}

export function reachableAs(dir: string, user: RunAs): boolean {
  const r = spawnSync('/bin/sh', ['-c', 'cd -- "$1"', 'sh', dir], {
    ...user,
    cwd: '/',
    stdio: 'ignore',
  });
  return r.status === 0;
}

/** The first folder on the way to `path` that `user` cannot enter (for messages). */
export function blockingFolder(path: string, user: RunAs): string {
  const parts = resolve(path).split(sep).filter(Boolean);
  for (let i = 1; i <= parts.length; i++) {
    const dir = sep + parts.slice(0, i).join(sep);
    if (!reachableAs(dir, user)) return dir;
  }
  return path;
}

/** Creates a root-owned folder (and its missing parents) others can traverse but not write, whatever the umask. */
export async function makeSystemDir(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let d = dir; !existsSync(d); d = dirname(d)) missing.unshift(d);
  await mkdir(dir, { recursive: true });
  for (const d of missing) await chmod(d, 0o755);
  const info = await lstat(dir);
  if (!info.isDirectory() || info.uid !== 0 || (info.mode & 0o022) !== 0) {
    throw new Error(`${dir} must be a folder owned by root and writable only by it`);
  }
}
