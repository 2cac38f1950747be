import {
  type AnalyticsConfig,
  type AnalyticsStore,
  DEFAULT_RETENTION_DAYS,
  chdbDataPath,
} from './analytics-store';
import { ChdbStore } from './chdb.driver';
import { ClickHouseStore } from './clickhouse.driver';
import { applyMigrations, applyRetention } from './migration-runner';

/**
 * Opens the event store: a ClickHouse server when `url` is set, else chDB under `<dataDir>/clickhouse`.
 * Applies pending migrations and the retention TTL before returning.
 */
export async function openAnalyticsStore(cfg: AnalyticsConfig): Promise<AnalyticsStore> {
  const store: AnalyticsStore = cfg.url
    ? await ClickHouseStore.open({ ...cfg, url: cfg.url })
    : ChdbStore.open(chdbDataPath(cfg.dataDir));
  return initializeStore(store, cfg.retentionDays ?? DEFAULT_RETENTION_DAYS);
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
