import { type AnalyticsStore, openAnalyticsStore } from '../src';
import { loadMigrations } from '../src/migration-runner';
import { openTestStore, type TestStoreHandle } from './support/test-store';
import { makeEvents } from './support/event.factory';

async function tableDdl(store: AnalyticsStore, table: string): Promise<string> {
  const rows = await store.query<{ engine_full: string }>(
    'SELECT engine_full FROM system.tables WHERE database = currentDatabase() AND name = {t:String}',
    { t: table },
  );
  return rows[0]?.engine_full ?? '';
}

async function appliedVersions(store: AnalyticsStore): Promise<number[]> {
  const rows = await store.query<{ version: number | string }>(
    'SELECT version FROM schema_migrations ORDER BY version',
    {},
  );
  return rows.map((r) => Number(r.version));
}

const ttlDays = (ddl: string) => /TTL .*?toIntervalDay\(\D*(\d+)/.exec(ddl)?.[1];

describe('migrations (real engine)', () => {
  let h: TestStoreHandle;

  beforeAll(async () => {
    h = await openTestStore();
  });

  afterAll(async () => {
    await h.dispose();
  });

  it('applies every migration file once, in version order', async () => {
    const files = loadMigrations();
    expect(files.map((m) => m.version)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await appliedVersions(h.store)).toEqual(files.map((m) => m.version));
    const tables = await h.store.query<{ name: string; engine: string }>(
      "SELECT name, engine FROM system.tables WHERE database = currentDatabase() AND name NOT LIKE '.%' ORDER BY name",
      {},
    );
    expect(tables).toEqual([
      { name: 'analytics_settings', engine: 'ReplacingMergeTree' },
      { name: 'requests', engine: 'MergeTree' },
      { name: 'requests_hourly', engine: 'AggregatingMergeTree' },
      { name: 'requests_hourly_mv', engine: 'MaterializedView' },
      { name: 'schema_migrations', engine: 'MergeTree' },
    ]);
  });

  it('partitions by month, orders by gateway and time, and keeps a dedup window', async () => {
    const ddl = await tableDdl(h.store, 'requests');
    expect(ddl).toContain('PARTITION BY toYYYYMM(timestamp)');
    expect(ddl).toContain('ORDER BY (gateway_id, timestamp, request_id)');
    expect(ddl).toContain('non_replicated_deduplication_window = 10000');
    expect(await tableDdl(h.store, 'requests_hourly')).toContain(
      'non_replicated_deduplication_window = 10000',
    );
  });

  it('sets the default 90-day TTL on the raw table and the rollup', async () => {
    expect(ttlDays(await tableDdl(h.store, 'requests'))).toBe('90');
    expect(ttlDays(await tableDdl(h.store, 'requests_hourly'))).toBe('90');
  });

  it('reopens without re-applying anything or touching data, and applies a new retention', async () => {
    await h.store.insertEvents(makeEvents(3, { gatewayId: 'gw-mig' }), 'tok-mig');
    const versions = loadMigrations().map((m) => m.version);
    await h.reopen();
    expect(await appliedVersions(h.store)).toEqual(versions);
    await h.reopen({ retentionDays: 30 });
    expect(await appliedVersions(h.store)).toEqual(versions);
    expect(ttlDays(await tableDdl(h.store, 'requests'))).toBe('30');
    expect(ttlDays(await tableDdl(h.store, 'requests_hourly'))).toBe('30');
    const rows = await h.store.query<{ n: number | string }>(
      'SELECT count() AS n FROM requests WHERE gateway_id = {g:String}',
      { g: 'gw-mig' },
    );
    expect(Number(rows[0].n)).toBe(3);
  });

  it('derives the operation of rows written without one from their path', async () => {
    for (const [id, endpoint] of [
      ['old-chat', '/v1/chat/completions'],
      ['old-count', '/v1/messages/count_tokens'],
      ['old-gemini-count', '/v1beta/models/{model}:countTokens'],
      ['old-models', '/v1/models'],
    ]) {
      await h.store.command(
        `INSERT INTO requests (timestamp, request_id, gateway_id, endpoint, client_format, provider,
           requested_model, upstream_model, stream, status, tokens_in, tokens_out, tokens_cached,
           tokens_reasoning, latency_ms, attempts)
         VALUES (now64(3), {id:String}, 'gw-old', {endpoint:String}, 'openai-chat', 'openai',
           'gpt-4o', 'gpt-4o', false, 200, 0, 0, 0, 0, 1, 1)`,
        { id, endpoint },
      );
    }
    const rows = await h.store.query<{ request_id: string; operation: string }>(
      "SELECT request_id, operation FROM requests WHERE gateway_id = 'gw-old' ORDER BY request_id",
      {},
    );
    expect(rows).toEqual([
      { request_id: 'old-chat', operation: 'chat' },
      { request_id: 'old-count', operation: 'count_tokens' },
      { request_id: 'old-gemini-count', operation: 'count_tokens' },
      { request_id: 'old-models', operation: 'models' },
    ]);
  });

  it('refuses an invalid retention', async () => {
    await expect(openAnalyticsStore({ ...h.config, retentionDays: 0 })).rejects.toThrow(
      /retentionDays/,
    );
  });
});
