import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AnalyticsConfig, type AnalyticsStore, openAnalyticsStore } from '../../src';

/**
 * A real engine per test file: chDB under a fresh temp dir, or — when CLICKHOUSE_URL is set — a fresh
 * database on that server. dispose() closes the store and removes what it created.
 */
export interface TestStoreHandle {
  store: AnalyticsStore;
  config: AnalyticsConfig;
  dataDir: string;
  dispose(): Promise<void>;
}

export function testConfig(dataDir: string, extra: Partial<AnalyticsConfig> = {}): AnalyticsConfig {
  const url = process.env.CLICKHOUSE_URL;
  if (!url) return { dataDir, ...extra };
  const database = `analytics_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  return {
    dataDir,
    url,
    username: process.env.CLICKHOUSE_USER,
    password: process.env.CLICKHOUSE_PASSWORD,
    database,
    ...extra,
  };
}

export async function openTestStore(
  extra: Partial<AnalyticsConfig> = {},
): Promise<TestStoreHandle> {
  const dataDir = mkdtempSync(join(tmpdir(), 'analytics-test-'));
  const config = testConfig(dataDir, extra);
  const store = await openAnalyticsStore(config);
  const handle: TestStoreHandle = {
    store,
    config,
    dataDir,
    // Closes handle.store, which a test may have replaced by reopening.
    async dispose() {
      if (handle.store.kind === 'clickhouse' && config.database) {
        await handle.store.command('DROP DATABASE IF EXISTS {db:Identifier}', {
          db: config.database,
        });
      }
      await handle.store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return handle;
}

export async function countRows(store: AnalyticsStore, gatewayId?: string): Promise<number> {
  const rows = await store.query<{ n: number | string }>(
    "SELECT count() AS n FROM requests WHERE {gatewayId:String} = '' OR gateway_id = {gatewayId:String}",
    { gatewayId: gatewayId ?? '' },
  );
  return Number(rows[0].n);
}

export async function countRollupRequests(
  store: AnalyticsStore,
  gatewayId: string,
): Promise<number> {
  const rows = await store.query<{ n: number | string }>(
    'SELECT sum(requests) AS n FROM requests_hourly WHERE gateway_id = {gatewayId:String}',
    { gatewayId },
  );
  return Number(rows[0].n);
}
