import { join } from 'node:path';
import type { RequestEvent } from './request-event';

export interface AnalyticsConfig {
  /** ClickHouse HTTP(S) URL; when unset the embedded chDB engine is used under dataDir/clickhouse */
  url?: string;
  username?: string;
  password?: string;
  database?: string;
  dataDir: string;
  /** rows older than this are dropped by the tables' TTL; default 90 */
  retentionDays?: number;
}

export type QueryParams = Record<string, unknown>;

/**
 * The one interface with two implementations: an embedded chDB session or a ClickHouse server. Both take
 * the same SQL with `{name:Type}` placeholders bound by the engine, never spliced into the text.
 */
export interface AnalyticsStore {
  readonly kind: 'chdb' | 'clickhouse';
  /**
   * Appends rows to `requests` as one block. Re-sending the same rows with the same token is a no-op
   * (table and rollup deduplication windows); a failure rejects and nothing is reported as success.
   */
  insertEvents(rows: RequestEvent[], dedupToken: string): Promise<void>;
  /** Runs a SELECT and returns its JSONEachRow rows. */
  query<T>(sql: string, params: QueryParams): Promise<T[]>;
  /** Runs a statement that returns nothing (DDL, ALTER, INSERT … VALUES with params). */
  command(sql: string, params?: QueryParams): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_RETENTION_DAYS = 90;

export function chdbDataPath(dataDir: string): string {
  return join(dataDir, 'clickhouse');
}
