import type { AnalyticsConfig, AnalyticsStore, QueryParams } from '../analytics-store';
import type { RequestEvent } from '../request-event';

/**
 * The store, opened (and migrated) on first use and again after a failed open: the analytics process
 * starts while ClickHouse is unreachable, the recorder keeps rows on disk with its backoff, and the
 * first call after the server is back opens it. Calls during an open share it.
 */
export class ReopeningStore implements AnalyticsStore {
  readonly kind: 'chdb' | 'clickhouse';
  private store: AnalyticsStore | null = null;
  private opening: Promise<AnalyticsStore> | null = null;
  private closed = false;

  constructor(
    cfg: AnalyticsConfig,
    private readonly open: () => Promise<AnalyticsStore>,
  ) {
    this.kind = cfg.url ? 'clickhouse' : 'chdb';
  }

  get isOpen(): boolean {
    return this.store !== null;
  }

  /** Starts opening now (boot), without waiting; a failure only means the next call tries again. */
  warmUp(): Promise<boolean> {
    return this.get().then(
      () => true,
      () => false,
    );
  }

  async insertEvents(rows: RequestEvent[], dedupToken: string): Promise<void> {
    return (await this.get()).insertEvents(rows, dedupToken);
  }

  async query<T>(sql: string, params: QueryParams): Promise<T[]> {
    return (await this.get()).query<T>(sql, params);
  }

  async command(sql: string, params?: QueryParams): Promise<void> {
    return (await this.get()).command(sql, params);
  }

  async close(): Promise<void> {
    this.closed = true;
    const store = this.store ?? (await this.opening?.catch(() => null));
    this.store = null;
    await store?.close();
  }

  private get(): Promise<AnalyticsStore> {
    if (this.store) return Promise.resolve(this.store);
    if (this.closed) return Promise.reject(new Error('The analytics store is closed'));
    this.opening ??= this.open().then(
      (store) => {
        this.opening = null;
        if (this.closed) {
          void store.close();
          throw new Error('The analytics store is closed');
        }
        this.store = store;
        return store;
      },
      (e: unknown) => {
        this.opening = null;
        throw e;
      },
    );
    return this.opening;
  }
}
