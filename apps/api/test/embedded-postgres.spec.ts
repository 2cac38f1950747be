import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startChildServer, type ChildServer } from './support/child-server';
import { freePort } from './support/free-port';
import { api } from './support/test-app';

/** A DATA_DIR the unprivileged 'postgres' user can enter when the tests run as root. */
function dataDirFor(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `gw-${name}-`));
  chmodSync(dir, 0o755);
  return dir;
}

function postmasterPid(clusterDir: string): number {
  return Number(readFileSync(join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
}

/** Running: neither gone nor a zombie waiting for an init to reap it. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    return !/\)\s+Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

async function goneWithin(pid: number, ms: number): Promise<boolean> {
  for (
    const end = Date.now() + ms;
    Date.now() < end;
    await new Promise((r) => setTimeout(r, 100))
  ) {
    if (!isAlive(pid)) return true;
  }
  return !isAlive(pid);
}

/** The watchdog shell the gateway runs beside its Postgres (Linux: found through /proc). */
function watchdogOf(postmaster: number): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (args.includes('gateway-pg-watchdog') && args.includes(String(postmaster))) {
        return Number(entry);
      }
    } catch {
      // exited meanwhile
    }
  }
  return undefined;
}

async function createGateway(url: string): Promise<{ userId: string; gatewayId: string }> {
  const userId = (await api(url, 'POST', '/auth/join')).body.id;
  const created = await api(url, 'POST', '/gateway/create', { userId, body: { name: 'kept' } });
  return { userId, gatewayId: created.body.gateway_id };
}

async function gatewayIds(url: string, userId: string): Promise<string[]> {
  const list = await api(url, 'GET', '/gateway/list', { userId });
  return list.body.gateways.map((g: { id: string }) => g.id);
}

// Runs the built server as a child process, as `npm start` does: DATABASE_URL unset.
describe('embedded defaults: no DATABASE_URL', () => {
  it('starts a real embedded Postgres under DATA_DIR and keeps users and gateways across a restart', async () => {
    const dataDir = dataDirFor('embedded');
    const env = {
      DATA_DIR: dataDir,
      EMBEDDED_POSTGRES_PORT: String(56000 + Math.floor(Math.random() * 4000)),
    };

    const first = await startChildServer(env);
    const userId = (await api(first.url, 'POST', '/auth/join')).body.id;
    const gateway = (
      await api(first.url, 'POST', '/gateway/create', { userId, body: { name: 'persisted' } })
    ).body;
    expect(await first.stop('SIGTERM')).toBe(0);
    expect(existsSync(join(dataDir, 'postgres', 'PG_VERSION'))).toBe(true);
    expect(existsSync(join(dataDir, 'master.key'))).toBe(true);
    expect(first.output()).toMatch(/ENCRYPTION_KEY is unset/);

    const second = await startChildServer(env);
    try {
      const list = await api(second.url, 'GET', '/gateway/list', { userId });
      expect(list.body.gateways.map((g: { id: string }) => g.id)).toEqual([gateway.gateway_id]);
      // The secret is still readable: the generated master key was reused.
      const creds = await api(second.url, 'GET', `/gateway/${gateway.gateway_id}/credentials`, {
        userId,
      });
      expect(creds.body.secret).toBe(gateway.secret);
    } finally {
      expect(await second.stop('SIGINT')).toBe(0);
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses to start on an invalid variable, naming it', async () => {
    await expect(startChildServer({ PORT: '3001', BODY_LIMIT_MB: 'lots' }, 10_000)).rejects.toThrow(
      /Invalid environment: BODY_LIMIT_MB=lots/,
    );
  });

  it('recovers after the gateway is killed with SIGKILL: its Postgres stops with it and the data is there', async () => {
    const dataDir = dataDirFor('sigkill');
    const env = { DATA_DIR: dataDir, EMBEDDED_POSTGRES_PORT: String(await freePort()) };
    const first = await startChildServer(env);
    const { userId, gatewayId } = await createGateway(first.url);
    const postmaster = postmasterPid(join(dataDir, 'postgres'));

    await first.stop('SIGKILL');
    // No orphan: the watchdog stops the server once its gateway is gone.
    expect(await goneWithin(postmaster, 30_000)).toBe(true);

    const second = await startChildServer(env, 60_000);
    try {
      expect(await gatewayIds(second.url, userId)).toEqual([gatewayId]);
    } finally {
      expect(await second.stop('SIGTERM')).toBe(0);
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  (process.platform === 'linux' ? it : it.skip)(
    'stops a Postgres left running on its cluster by an earlier run (watchdog killed too) and starts',
    async () => {
      const dataDir = dataDirFor('orphan');
      const env = { DATA_DIR: dataDir, EMBEDDED_POSTGRES_PORT: String(await freePort()) };
      const first = await startChildServer(env);
      const { userId, gatewayId } = await createGateway(first.url);
      const postmaster = postmasterPid(join(dataDir, 'postgres'));
      const watchdog = watchdogOf(postmaster);
      expect(watchdog).toBeDefined();
      process.kill(watchdog!, 'SIGKILL');
      await first.stop('SIGKILL');
      expect(isAlive(postmaster)).toBe(true); // what every run before the watchdog left behind

      let second: ChildServer | undefined;
      try {
        second = await startChildServer(env, 60_000);
        expect(second.output()).toMatch(/left running by an earlier run \(pid \d+\)/);
        expect(isAlive(postmaster)).toBe(false);
        expect(await gatewayIds(second.url, userId)).toEqual([gatewayId]);
      } finally {
        if (isAlive(postmaster)) process.kill(postmaster, 'SIGQUIT');
        if (second) expect(await second.stop('SIGTERM')).toBe(0);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  );

  (process.getuid?.() === 0 ? it : it.skip)(
    'as root, keeps the cluster of a private DATA_DIR where Postgres can reach it and says where',
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'gw-private-')); // 0700: 'postgres' cannot enter it
      const env = {
        DATA_DIR: dataDir,
        EMBEDDED_POSTGRES_PORT: String(await freePort()),
        LOG_LEVEL: 'info',
      };
      let clusterHome: string | undefined;
      try {
        const first = await startChildServer(env);
        const pointer = readFileSync(join(dataDir, 'POSTGRES_LOCATION.txt'), 'utf8');
        const clusterDir = pointer.split('\n')[0];
        clusterHome = dirname(clusterDir);
        expect(clusterDir).toMatch(/^\/var\/lib\/llm-gateway\/clusters\/gw-private-.+\/pgdata$/);
        expect(first.output()).toContain(`the embedded Postgres cluster lives in ${clusterDir}`);
        const { userId, gatewayId } = await createGateway(first.url);
        expect(await first.stop('SIGTERM')).toBe(0);

        const second = await startChildServer(env);
        expect(await gatewayIds(second.url, userId)).toEqual([gatewayId]);
        expect(await second.stop('SIGTERM')).toBe(0);
      } finally {
        const pointer = join(dataDir, 'POSTGRES_LOCATION.txt');
        if (existsSync(pointer))
          clusterHome = dirname(readFileSync(pointer, 'utf8').split('\n')[0]);
        rmSync(dataDir, { recursive: true, force: true });
        if (clusterHome) rmSync(clusterHome, { recursive: true, force: true });
      }
    },
  );

  it('gives up on an unreachable DATABASE_URL with a message naming it, without the password', async () => {
    const closed = await freePort();
    const dataDir = dataDirFor('no-db');
    const failure = startChildServer(
      {
        DATA_DIR: dataDir,
        DATABASE_URL: `postgres://gw:s3cret-pw@127.0.0.1:${closed}/gw`,
        DATABASE_CONNECT_TIMEOUT_MS: '1500',
      },
      30_000,
    );
    const message = await failure.then(
      () => 'started',
      (err: Error) => err.message,
    );
    expect(message).toMatch(/^server exited with 1/);
    expect(message).toContain(
      `Cannot reach Postgres at DATABASE_URL=postgres://gw:***@127.0.0.1:${closed}/gw: connect ECONNREFUSED`,
    );
    expect(message).not.toContain('s3cret-pw');
    rmSync(dataDir, { recursive: true, force: true });
  });
});
