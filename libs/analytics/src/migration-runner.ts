import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AnalyticsStore } from './analytics-store';

export interface Migration {
  version: number;
  name: string;
  statements: string[];
}

const MIGRATION_FILE = /^(\d{3})-([a-z0-9-]+)\.sql$/;

/** Splits a migration file into statements: `--` comment lines dropped, `;` at a line end ends one. */
export function splitStatements(sql: string): string[] {
  const lines = sql.split('\n').filter((line) => !line.trimStart().startsWith('--'));
  const statements: string[] = [];
  let current: string[] = [];
  for (const line of lines) {
    const trimmed = line.trimEnd();
    if (trimmed.endsWith(';')) {
      current.push(trimmed.slice(0, -1));
      statements.push(current.join('\n').trim());
      current = [];
    } else {
      current.push(line);
    }
  }
  const rest = current.join('\n').trim();
  if (rest.length > 0) statements.push(rest);
  return statements.filter((s) => s.length > 0);
}

export function loadMigrations(dir = join(__dirname, 'migrations')): Migration[] {
  const migrations = readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .map((file) => {
      const match = MIGRATION_FILE.exec(file);
      if (!match) throw new Error(`Migration file name must be NNN-<verb>-<table>.sql: ${file}`);
      return {
        version: Number(match[1]),
        name: match[2],
        statements: splitStatements(readFileSync(join(dir, file), 'utf8')),
      };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (i > 0 && migrations[i - 1].version === m.version) {
      throw new Error(`Duplicate migration version ${m.version}`);
    }
  });
  return migrations;
}

const CREATE_SCHEMA_MIGRATIONS = `
CREATE TABLE IF NOT EXISTS schema_migrations
(
    version UInt32,
    name String,
    applied_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = MergeTree
ORDER BY version`;

/** Applies the migrations not yet recorded in schema_migrations, in order. Returns the versions applied. */
export async function applyMigrations(
  store: AnalyticsStore,
  migrations: Migration[] = loadMigrations(),
): Promise<number[]> {
  await store.command(CREATE_SCHEMA_MIGRATIONS);
  const rows = await store.query<{ version: number | string }>(
    'SELECT DISTINCT version FROM schema_migrations',
    {},
  );
  const done = new Set(rows.map((r) => Number(r.version)));
  const applied: number[] = [];
  for (const migration of migrations) {
    if (done.has(migration.version)) continue;
    // Every statement is IF NOT EXISTS, so a run interrupted between a statement and its record replays safely.
    for (const statement of migration.statements) await store.command(statement);
    await store.command(
      'INSERT INTO schema_migrations (version, name) VALUES ({version:UInt32}, {name:String})',
      { version: migration.version, name: migration.name },
    );
    applied.push(migration.version);
  }
  return applied;
}

export function assertRetentionDays(days: number): void {
  if (!Number.isInteger(days) || days < 1 || days > 36500) {
    throw new Error(`retentionDays must be an integer between 1 and 36500, got ${days}`);
  }
}

const TTL_TABLES = [
  { table: 'requests', ttl: 'toDateTime(timestamp) + toIntervalDay({days:UInt32})' },
  { table: 'requests_hourly', ttl: 'hour + toIntervalDay({days:UInt32})' },
] as const;

/**
 * Sets the TTL of the raw table and the rollup to `days`. Skipped when analytics_settings already records
 * that value: MODIFY TTL rewrites TTL info on every part, so it must not run on every open.
 */
export async function applyRetention(store: AnalyticsStore, days: number): Promise<boolean> {
  assertRetentionDays(days);
  const current = await store.query<{ value: string }>(
    "SELECT argMax(value, updated_at) AS value FROM analytics_settings WHERE name = 'retention_days' HAVING count() > 0",
    {},
  );
  if (current.length > 0 && Number(current[0].value) === days) return false;
  for (const { table, ttl } of TTL_TABLES) {
    await store.command(`ALTER TABLE ${table} MODIFY TTL ${ttl}`, { days });
  }
  await store.command(
    "INSERT INTO analytics_settings (name, value) VALUES ('retention_days', {value:String})",
    { value: String(days) },
  );
  return true;
}
