import { createServer } from 'node:net';
import { redactDatabaseUrl, waitForPostgres } from './wait-for-postgres';

const quiet = { log: () => undefined, warn: () => undefined } as never;

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('redactDatabaseUrl', () => {
  it('hides the password, also one with URL-encoded characters, and keeps host, port and database', () => {
    expect(redactDatabaseUrl('postgres://gw:p%40ss%3Aword@db.internal:6543/gateway')).toBe(
      'postgres://gw:***@db.internal:6543/gateway',
    );
    expect(redactDatabaseUrl('postgresql://gw@127.0.0.1/gateway?password=x&sslmode=require')).toBe(
      'postgresql://gw@127.0.0.1/gateway',
    );
    expect(redactDatabaseUrl('not a url :secret@')).toBe('<unparsable URL>');
  });
});

describe('waitForPostgres', () => {
  it('gives up on a closed port after the timeout, naming DATABASE_URL without the password', async () => {
    const port = await closedPort();
    const started = Date.now();
    const failure = waitForPostgres(
      `postgres://gw:hunter2@127.0.0.1:${port}/gw`,
      600,
      undefined,
      quiet,
    );
    await expect(failure).rejects.toThrow(
      `Cannot reach Postgres at DATABASE_URL=postgres://gw:***@127.0.0.1:${port}/gw: connect ECONNREFUSED 127.0.0.1:${port}`,
    );
    await expect(failure).rejects.not.toThrow(/hunter2/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(600);
  });

  (process.env.DATABASE_URL ? it : it.skip)(
    'does not retry what retrying cannot fix (a database that does not exist)',
    async () => {
      const url = new URL(process.env.DATABASE_URL!);
      url.pathname = '/no_such_database_for_this_test';
      await expect(waitForPostgres(url.toString(), 60_000, undefined, quiet)).rejects.toThrow(
        /Cannot reach Postgres at DATABASE_URL=.*\/no_such_database_for_this_test: database "no_such_database_for_this_test" does not exist/,
      );
    },
  );

  (process.env.DATABASE_URL ? it : it.skip)('returns once Postgres answers', async () => {
    await expect(waitForPostgres(process.env.DATABASE_URL!, 5000, undefined, quiet)).resolves.toBe(
      undefined,
    );
  });
});
