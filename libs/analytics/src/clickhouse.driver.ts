import { type ClickHouseClient, createClient } from '@clickhouse/client';
import type { AnalyticsConfig, AnalyticsStore, QueryParams } from './analytics-store';
import { REQUEST_COLUMNS, type RequestEvent, toCompactRow } from './request-event';
import { INSERT_DEDUP_SETTINGS } from './store-common';

const DATABASE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A ClickHouse server over HTTP (@clickhouse/client); same SQL and parameters as the chDB driver. */
export class ClickHouseStore implements AnalyticsStore {
  readonly kind = 'clickhouse' as const;

  private constructor(
    private readonly client: ClickHouseClient,
    private readonly cfg?: AnalyticsConfig & { url: string },
  ) {}

  static async open(cfg: AnalyticsConfig & { url: string }): Promise<ClickHouseStore> {
    const store = ClickHouseStore.create(cfg);
    await store.ensureDatabase();
    return store;
  }

  /** A client for the server, without contacting it (see ensureDatabase). */
  static create(cfg: AnalyticsConfig & { url: string }): ClickHouseStore {
    if (cfg.database !== undefined && !DATABASE_NAME.test(cfg.database)) {
      throw new Error(`Invalid ClickHouse database name: ${JSON.stringify(cfg.database)}`);
    }
    const client = createClient({
      url: cfg.url,
      username: cfg.username,
      password: cfg.password,
      database: cfg.database,
      clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
    });
    return new ClickHouseStore(client, cfg);
  }

  /** Creates the configured database when it is not `default` and does not exist yet. */
  async ensureDatabase(): Promise<void> {
    const database = this.cfg?.database;
    if (!this.cfg || database === undefined || database === 'default') return;
    const bootstrap = createClient({
      url: this.cfg.url,
      username: this.cfg.username,
      password: this.cfg.password,
    });
    try {
      await bootstrap.command({
        query: 'CREATE DATABASE IF NOT EXISTS {db:Identifier}',
        query_params: { db: database },
      });
    } finally {
      await bootstrap.close();
    }
  }

  /** Wraps a client the caller configured (e.g. with a custom connection); close() closes it. */
  static fromClient(client: ClickHouseClient): ClickHouseStore {
    return new ClickHouseStore(client);
  }

  async insertEvents(rows: RequestEvent[], dedupToken: string): Promise<void> {
    if (rows.length === 0) return;
    await this.client.insert({
      table: 'requests',
      values: rows.map(toCompactRow),
      format: 'JSONCompactEachRow',
      columns: [...REQUEST_COLUMNS],
      clickhouse_settings: {
        ...INSERT_DEDUP_SETTINGS,
        insert_deduplication_token: dedupToken,
        async_insert: 0,
      },
    });
  }

  async query<T>(sql: string, params: QueryParams): Promise<T[]> {
    const result = await this.client.query({
      query: sql,
      query_params: params,
      format: 'JSONEachRow',
    });
    return result.json<T>();
  }

  async command(sql: string, params: QueryParams = {}): Promise<void> {
    await this.client.command({ query: sql, query_params: params });
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
