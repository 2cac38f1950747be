import {
  type AnalyticsConfig,
  type AnalyticsStore,
  DEFAULT_RETENTION_DAYS,
  chdbDataPath,
} from './analytics-store';
import type * as ChdbDriver from './chdb.driver';
import { ClickHouseStore } from './clickhouse.driver';
import { applyMigrations, applyRetention } from './migration-runner';

/**
 * Opens the event store: a ClickHouse server when `url` is set, else chDB under `<dataDir>/clickhouse`.
 * Applies pending migrations and the retention TTL before returning.
 */
export async function openAnalyticsStore(cfg: AnalyticsConfig): Promise<AnalyticsStore> {
  const store: AnalyticsStore = cfg.url
    ? await ClickHouseStore.open({ ...cfg, url: cfg.url })
    : (await loadChdbDriver()).ChdbStore.open(chdbDataPath(cfg.dataDir));
  return initializeStore(store, cfg.retentionDays ?? DEFAULT_RETENTION_DAYS);
}

/**
 * chDB (an optional dependency: a 540 MB native library, ~150 MB of RSS once loaded) is required only
 * when no ClickHouse server is configured, so a deployment with CLICKHOUSE_URL never loads it.
 */
async function loadChdbDriver(): Promise<typeof ChdbDriver> {
  try {
    // A plain require, not import(): resolved the same way under every module setting that checks this file.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('./chdb.driver') as typeof ChdbDriver;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' && /'chdb'/.test(String(e))) {
      throw new Error(
        'Embedded ClickHouse (npm chdb) is not installed here: set CLICKHOUSE_URL to a ClickHouse server, or install chdb',
        { cause: e },
      );
    }
    throw e;
  }
}

/** Migrates a freshly opened store and applies the retention; closes it if either fails. */
export async function initializeStore(
  store: AnalyticsStore,
  retentionDays: number,
): Promise<AnalyticsStore> {
  try {
    await applyMigrations(store);
    await applyRetention(store, retentionDays);
  } catch (e) {
    await store.close();
    throw e;
  }
  return store;
}
