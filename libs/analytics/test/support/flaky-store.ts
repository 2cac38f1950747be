import type { AnalyticsStore, QueryParams, RequestEvent } from '../../src';

/**
 * Wraps the real store and fails inserts on demand. 'reject' fails before writing; 'lost-ack' writes the
 * batch and then fails, as when a connection drops after the server committed.
 */
export class FlakyStore implements AnalyticsStore {
  failing = false;
  mode: 'reject' | 'lost-ack' = 'reject';
  insertCalls = 0;
  failedCalls = 0;
  private gate: Promise<void> | null = null;
  private openGate: (() => void) | null = null;

  constructor(private readonly inner: AnalyticsStore) {}

  get kind(): AnalyticsStore['kind'] {
    return this.inner.kind;
  }

  /** Makes inserts wait until release() (a store that stopped answering). */
  hang(): void {
    this.gate = new Promise((resolve) => {
      this.openGate = resolve;
    });
  }

  release(): void {
    this.openGate?.();
    this.gate = null;
  }

  async insertEvents(rows: RequestEvent[], dedupToken: string): Promise<void> {
    this.insertCalls += 1;
    if (this.gate) await this.gate;
    if (this.failing) {
      this.failedCalls += 1;
      if (this.mode === 'lost-ack') await this.inner.insertEvents(rows, dedupToken);
      throw new Error('analytics store unavailable');
    }
    await this.inner.insertEvents(rows, dedupToken);
  }

  query<T>(sql: string, params: QueryParams): Promise<T[]> {
    return this.inner.query<T>(sql, params);
  }

  command(sql: string, params?: QueryParams): Promise<void> {
    return this.inner.command(sql, params);
  }

  async close(): Promise<void> {
    // The wrapped store belongs to the test file's handle.
  }
}

export async function waitFor(
  cond: () => boolean | Promise<boolean>,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
