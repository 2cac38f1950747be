import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@clickhouse/client';
import { drainPending } from 'chdb';
import { createChdbConnection } from 'chdb/connection';
import {
  type AnalyticsConfig,
  type AnalyticsStore,
  DEFAULT_RETENTION_DAYS,
  openAnalyticsStore,
} from '../../src';
import { chdbDataPath } from '../../src/analytics-store';
import { ClickHouseStore } from '../../src/clickhouse.driver';
import { initializeStore } from '../../src/open-analytics-store';

/**
 * A real engine per test file:
 * - default: chDB (the chdb driver) under a fresh temp dir;
 * - CLICKHOUSE_URL set: a fresh database on that server (the clickhouse driver);
 * - ANALYTICS_TEST_DRIVER=clickhouse-client: the clickhouse driver (@clickhouse/client) talking to
 *   chDB through chdb/connection, so the server code path runs without a server.
 * dispose() closes the current store and removes what the handle created.
 */
export interface TestStoreHandle {
  store: AnalyticsStore;
  config: AnalyticsConfig;
  dataDir: string;
  /** closes the current store and opens the same data again (same driver), e.g. to test migrations */
  reopen(extra?: Partial<AnalyticsConfig>): Promise<AnalyticsStore>;
  dispose(): Promise<void>;
}

export type TestDriver = 'chdb' | 'clickhouse-server' | 'clickhouse-client';

export function testDriver(): TestDriver {
  if (process.env.CLICKHOUSE_URL) return 'clickhouse-server';
  if (process.env.ANALYTICS_TEST_DRIVER === 'clickhouse-client') return 'clickhouse-client';
  return 'chdb';
}

function testConfig(dataDir: string, extra: Partial<AnalyticsConfig>): AnalyticsConfig {
  const url = process.env.CLICKHOUSE_URL;
  if (!url) return { dataDir, ...extra };
  return {
    dataDir,
    url,
    username: process.env.CLICKHOUSE_USER,
    password: process.env.CLICKHOUSE_PASSWORD,
    database: `analytics_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`,
    ...extra,
  };
}

/** The clickhouse driver over an in-process chDB connection. */
export async function openClientOnChdb(cfg: AnalyticsConfig): Promise<AnalyticsStore> {
  // chdb types its Connection against its own copy of @clickhouse/client-common (same shape).
  const connection = createChdbConnection({
    path: chdbDataPath(cfg.dataDir),
  }) as unknown as NonNullable<Parameters<typeof createClient>[0]>['connection'];
  const client = createClient({
    connection,
    clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
  });
  const store = ClickHouseStore.fromClient(client);
  const close = store.close.bind(store);
  // chDB binds one data directory per process: wait until the connection is really gone.
  store.close = async () => {
    await close();
    await drainPending();
  };
  return initializeStore(store, cfg.retentionDays ?? DEFAULT_RETENTION_DAYS);
}

function open(cfg: AnalyticsConfig): Promise<AnalyticsStore> {
  return testDriver() === 'clickhouse-client' ? openClientOnChdb(cfg) : openAnalyticsStore(cfg);
}

export async function openTestStore(
  extra: Partial<AnalyticsConfig> = {},
): Promise<TestStoreHandle> {
  const dataDir = mkdtempSync(join(tmpdir(), 'analytics-test-'));
  const config = testConfig(dataDir, extra);
  const handle: TestStoreHandle = {
    store: await open(config),
    config,
    dataDir,
    async reopen(more = {}) {
      await handle.store.close();
      handle.store = await open({ ...config, ...more });
      return handle.store;
    },
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
