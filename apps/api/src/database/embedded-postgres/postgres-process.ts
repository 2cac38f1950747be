import { spawn, type ChildProcess } from 'node:child_process';
import { platform } from 'node:os';
import { StartupError, describeError } from '../../common/startup-error';
import { terminatePid } from './processes';
import { lastLines, type Binaries, type Log, type RunAs } from './types';

// The server and its watchdog: the postmaster runs in its own process group, its output goes to the logger,
// a start that fails says why, and it never outlives the gateway.

const READY = 'database system is ready to accept connections';
// Crash recovery replays the WAL before accepting connections: allow for it.
const START_TIMEOUT_MS = 120_000;

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

export async function startPostmaster(
  bin: Binaries,
  clusterDir: string,
  port: number,
  user: RunAs | undefined,
  logger: Log,
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
