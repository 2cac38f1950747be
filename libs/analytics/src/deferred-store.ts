import type { AnalyticsStore, QueryParams } from './analytics-store';
import type { RequestEvent } from './request-event';

/**
 * A store whose preparation (database, migrations, retention) may have to wait for the server: every
 * call first finishes it, and a failed attempt is retried by the next call. The recorder's inserts fail
 * meanwhile (rows wait in the spool and replay with backoff), queries and `/ready` report the store down,
 * and the first call that reaches the server completes the preparation.
 */
export class DeferredInitStore implements AnalyticsStore {
  readonly kind: AnalyticsStore['kind'];
  private pending: Promise<void> | undefined;
  private ready = false;

  constructor(
    private readonly inner: AnalyticsStore,
    private readonly init: (store: AnalyticsStore) => Promise<void>,
  ) {
    this.kind = inner.kind;
  }

  /** Runs (or joins) the preparation; resolves at once once it has succeeded. */
  prepare(): Promise<void> {
    if (this.ready) return Promise.resolve();
    this.pending ??= this.init(this.inner).then(
      () => {
        this.ready = true;
      },
      (err: unknown) => {
        this.pending = undefined;
        throw err;
      },
    );
    return this.pending;
  }

  async insertEvents(rows: RequestEvent[], dedupToken: string): Promise<void> {
    if (!this.ready) await this.prepare();
    return this.inner.insertEvents(rows, dedupToken);
  }

  async query<T>(sql: string, params: QueryParams): Promise<T[]> {
    if (!this.ready) await this.prepare();
    return this.inner.query<T>(sql, params);
  }

  async command(sql: string, params?: QueryParams): Promise<void> {
    if (!this.ready) await this.prepare();
    return this.inner.command(sql, params);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
