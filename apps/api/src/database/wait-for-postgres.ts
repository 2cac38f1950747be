import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { StartupError, describeError } from '../common/startup-error';

/** `postgres://user:***@host:port/db`: what a log line may show of DATABASE_URL. */
export function redactDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    u.search = '';
    return u.toString();
  } catch {
    return '<unparsable URL>';
  }
}

// Retrying cannot fix these: wrong password / role, missing database, bad options.
const PERMANENT = new Set(['28P01', '28000', '3D000', '42704']);

/**
 * Waits until Postgres at `url` accepts a connection, retrying for up to `timeoutMs` (a database started at
 * the same time as the gateway, e.g. by docker compose, needs a few seconds). Then fails with a message naming
 * DATABASE_URL (without the password) and the reason.
 */
export async function waitForPostgres(
  url: string,
  timeoutMs: number,
  variable = 'DATABASE_URL',
  logger = new Logger('Database'),
): Promise<void> {
  const shown = `${variable}=${redactDatabaseUrl(url)}`;
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 1; ; attempt++) {
    const client = new Client({
      connectionString: url,
      connectionTimeoutMillis: Math.max(1000, Math.min(5000, deadline - Date.now())),
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.end().catch(() => undefined);
      if (attempt > 1) logger.log(`Reached Postgres at ${shown}`);
      return;
    } catch (err) {
      await client.end().catch(() => undefined);
      const reason = describeError(err);
      const code = (err as { code?: string }).code;
      const left = deadline - Date.now();
      if ((code && PERMANENT.has(code)) || left <= 0) {
        throw new StartupError(`Cannot reach Postgres at ${shown}: ${reason}`);
      }
      const delay = Math.min(2000, 250 * 2 ** (attempt - 1), left);
      if (attempt === 1) {
        logger.warn(
          `Cannot reach Postgres at ${shown} (${reason}): retrying for up to ${Math.ceil(left / 1000)} s (DATABASE_CONNECT_TIMEOUT_MS)`,
        );
      }
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}
