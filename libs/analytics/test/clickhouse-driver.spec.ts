import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnalyticsQueries, type AnalyticsStore } from '../src';
import { loadMigrations } from '../src/migration-runner';
import { makeEvents } from './support/event.factory';
import { countRollupRequests, countRows, openClientOnChdb } from './support/test-store';

// The clickhouse driver (@clickhouse/client: query_params, insert settings, command) runs here against
// chDB through chdb/connection, so its code path is tested on every run, server or not.
// ANALYTICS_TEST_DRIVER=clickhouse-client runs every other spec through it too.
describe('clickhouse driver over @clickhouse/client (real engine via chdb/connection)', () => {
  let dataDir: string;
  let store: AnalyticsStore;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'analytics-client-'));
    store = await openClientOnChdb({ dataDir });
  });

  afterAll(async () => {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('opens as the clickhouse kind with every migration applied', async () => {
    expect(store.kind).toBe('clickhouse');
    const rows = await store.query<{ version: number | string }>(
      'SELECT version FROM schema_migrations ORDER BY version',
      {},
    );
    expect(rows.map((r) => Number(r.version))).toEqual(loadMigrations().map((m) => m.version));
  });

  it('inserts with the dedup token so a re-sent batch counts once in both tables', async () => {
    const rows = makeEvents(40, { gatewayId: 'gw-client', costUsd: 0.25 });
    await store.insertEvents(rows, 'tok-client');
    await store.insertEvents(rows, 'tok-client');
    expect(await countRows(store, 'gw-client')).toBe(40);
    expect(await countRollupRequests(store, 'gw-client')).toBe(40);
    const summary = await new AnalyticsQueries(store).gatewaySummary('gw-client', 1, false);
    expect(summary.summary.total_requests).toBe(40);
    expect(summary.summary.total_cost).toBeCloseTo(10, 9);
  });

  it('binds parameters and surfaces engine errors', async () => {
    await store.insertEvents(makeEvents(1, { gatewayId: "gw'client" }), 'tok-quote');
    expect(await countRows(store, "gw'client")).toBe(1);
    await expect(store.query('SELECT nope FROM requests', {})).rejects.toThrow(/nope/);
  });
});
