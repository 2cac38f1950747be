import { mkdirSync } from 'node:fs';
import { Session, drainPending } from 'chdb';
import type { AnalyticsStore, QueryParams } from './analytics-store';
import { REQUEST_COLUMNS, type RequestEvent, toJsonCompactEachRow } from './request-event';
import { INSERT_DEDUP_SETTINGS, parseJsonEachRow } from './store-common';

/**
 * Embedded ClickHouse (chDB) under `<dataDir>/clickhouse`. Only the async calls are used: the synchronous
 * query() runs the engine on the event loop thread. Parameters are bound by the engine (queryBindAsync),
 * so no value is ever rendered into SQL text.
 */
export class ChdbStore implements AnalyticsStore {
  readonly kind = 'chdb' as const;
  private closed = false;

  private constructor(private readonly session: Session) {}

  static open(path: string): ChdbStore {
    mkdirSync(path, { recursive: true });
    return new ChdbStore(new Session(path));
  }

  async insertEvents(rows: RequestEvent[], dedupToken: string): Promise<void> {
    if (rows.length === 0) return;
    this.assertOpen();
    await this.session.insert({
      table: 'requests',
      values: Buffer.from(toJsonCompactEachRow(rows)),
      format: 'JSONCompactEachRow',
      columns: REQUEST_COLUMNS,
      settings: { ...INSERT_DEDUP_SETTINGS, insert_deduplication_token: dedupToken },
    });
  }

  async query<T>(sql: string, params: QueryParams): Promise<T[]> {
    this.assertOpen();
    const result = await this.session.queryBindAsync(sql, params, { format: 'JSONEachRow' });
    return parseJsonEachRow<T>(result.text());
  }

  async command(sql: string, params: QueryParams = {}): Promise<void> {
    this.assertOpen();
    await this.session.queryBindAsync(sql, params);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.session.close();
    // The engine is a process singleton bound to one data path; wait until the connection is really gone
    // so a later store (e.g. the next test file) can open another path.
    await drainPending();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('analytics store is closed');
  }
}
