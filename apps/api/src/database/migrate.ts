import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source';

// Any constant shared by all replicas: only one of them migrates at a time.
const MIGRATION_LOCK_KEY = 7_351_902_118;

/** Applies pending migrations under a Postgres advisory lock (safe with several replicas booting at once). */
export async function runMigrations(databaseUrl: string): Promise<string[]> {
  const ds = new DataSource({
    ...dataSourceOptions(databaseUrl),
    migrationsRun: false,
    extra: { max: 1 },
  });
  await ds.initialize();
  try {
    await ds.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      return (await ds.runMigrations({ transaction: 'each' })).map((m) => m.name);
    } finally {
      await ds.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await ds.destroy();
  }
}
