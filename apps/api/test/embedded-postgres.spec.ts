import { chmodSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startChildServer } from './support/child-server';
import { api } from './support/test-app';

// Runs the built server as a child process, as `npm start` does: DATABASE_URL unset.
describe('embedded defaults: no DATABASE_URL', () => {
  it('starts a real embedded Postgres under DATA_DIR and keeps users and gateways across a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gw-embedded-'));
    chmodSync(dataDir, 0o755); // the unprivileged postgres user must reach its data folder
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
    expect(first.output()).toMatch(/MASTER_KEY is unset/);

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
  });

  it('refuses to start on an invalid variable, naming it', async () => {
    await expect(startChildServer({ PORT: '3001', BODY_LIMIT_MB: 'lots' }, 10_000)).rejects.toThrow(
      /Invalid environment: BODY_LIMIT_MB=lots/,
    );
  });
});
