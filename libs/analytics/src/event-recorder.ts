import type { AnalyticsStore } from './analytics-store';
import type { RequestEvent } from './request-event';
import { type Batch, Spool, batchToken } from './spool';

export interface EventRecorderOptions {
  spoolDir: string;
  /** how often the in-memory buffer is flushed; default 1000 */
  flushIntervalMs?: number;
  /** a batch is sealed and flushed as soon as it has this many rows; default 5000 */
  maxBatchRows?: number;
  /**
   * when sealed batches queue up behind a slow insert, the pump sends up to this many rows as one insert
   * (one token for the combined rows); default 10 batches, at most maxBufferedRows. Set to maxBatchRows
   * to never combine.
   */
  maxInsertRows?: number;
  /** rows held in memory before sealed batches are spooled instead of waiting; default 10 batches */
  maxBufferedRows?: number;
  /** every failure (store, spool, subscriber) is reported here; default: process.emitWarning */
  onError?: (e: Error) => void;
}

export interface EventRecorderStats {
  /** rows in memory (current buffer + sealed batches not yet written or spooled) */
  buffered: number;
  /** batch files waiting in the spool */
  spooledBatches: number;
  /** rows this recorder wrote to the store (spool replays included) */
  written: number;
}

const MIN_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 30_000;

function isMissingFile(e: unknown): boolean {
  return (e as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}

function asError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}

/**
 * The write path, off the request hot path. record() only appends to memory; a single serial pump writes
 * sealed batches to the store, or — when the store fails, is in backoff, or memory is full — appends them
 * to an fsync'd spool that is replayed in order (with exponential backoff) once the store answers again.
 * Each batch carries a token derived from its request ids, so a replay of a batch that did land (lost
 * acknowledgement) is deduplicated by the table instead of counted twice.
 */
export class EventRecorder {
  private readonly spool: Spool;
  private readonly flushIntervalMs: number;
  private readonly maxBatchRows: number;
  private readonly maxBufferedRows: number;
  private readonly maxInsertRows: number;
  private readonly onError: (e: Error) => void;
  private readonly subscribers = new Map<string, Set<(ev: RequestEvent) => void>>();
  private readonly timer: NodeJS.Timeout;

  private current: RequestEvent[] = [];
  private sealed: Batch[] = [];
  private sealedRows = 0;
  private readonly spooled: string[];
  private written = 0;
  private storeDown = false;
  private backoffMs = 0;
  private retryAt = 0;
  private closed = false;
  private spill$: Promise<void> | null = null;
  private spillingRows = 0;

  private tail: Promise<void> = Promise.resolve();
  private queued: Promise<void> | null = null;
  private queuedForce = false;

  constructor(
    private readonly store: AnalyticsStore,
    opts: EventRecorderOptions,
  ) {
    this.spool = new Spool(opts.spoolDir);
    this.flushIntervalMs = opts.flushIntervalMs ?? 1000;
    this.maxBatchRows = Math.max(1, opts.maxBatchRows ?? 5000);
    this.maxBufferedRows = Math.max(
      this.maxBatchRows,
      opts.maxBufferedRows ?? this.maxBatchRows * 10,
    );
    // A combined insert in flight counts against the memory bound, so it is never larger than it.
    this.maxInsertRows = Math.min(
      this.maxBufferedRows,
      Math.max(this.maxBatchRows, opts.maxInsertRows ?? this.maxBatchRows * 10),
    );
    this.onError =
      opts.onError ?? ((e: Error) => process.emitWarning(e, { code: 'ANALYTICS_RECORDER' }));
    this.spooled = this.spool.list();
    this.timer = setInterval(() => {
      this.seal();
      void this.kick(false);
    }, this.flushIntervalMs);
    this.timer.unref();
    // Batches left by a previous process are replayed without waiting for the first tick.
    if (this.spooled.length > 0) void this.kick(false);
  }

  /** Synchronous and O(1): buffers the event and feeds live subscribers. Never throws, never awaits. */
  record(ev: RequestEvent): void {
    this.current.push(ev);
    // After close() there is no timer: write (or spool) late events right away rather than strand them.
    if (this.closed) {
      this.seal();
      void this.kick(false);
    }
    const fns = this.subscribers.get(ev.gatewayId);
    if (fns) {
      for (const fn of fns) {
        try {
          fn(ev);
        } catch (e) {
          this.report(e);
        }
      }
    }
    if (this.current.length >= this.maxBatchRows) {
      this.seal();
      void this.kick(false);
    }
    if (this.current.length + this.sealedRows > this.maxBufferedRows) this.spill();
  }

  /** Live feed of one gateway's events (e.g. a dashboard SSE stream). Returns the unsubscribe function. */
  subscribe(gatewayId: string, fn: (ev: RequestEvent) => void): () => void {
    let fns = this.subscribers.get(gatewayId);
    if (!fns) {
      fns = new Set();
      this.subscribers.set(gatewayId, fns);
    }
    fns.add(fn);
    return () => {
      const set = this.subscribers.get(gatewayId);
      if (!set) return;
      set.delete(fn);
      if (set.size === 0) this.subscribers.delete(gatewayId);
    };
  }

  /**
   * Writes everything buffered so far (and tries the spool once, ignoring backoff). Resolves when each
   * row is either in the store or in the spool; rejects only if a batch could be neither written nor
   * spooled (it stays in memory and is retried).
   */
  async flush(): Promise<void> {
    this.seal();
    if (this.spill$) await this.spill$;
    await this.kick(true);
    if (this.sealed.length > 0) {
      throw new Error(
        `${this.sealedRows} analytics rows could be neither written nor spooled; kept in memory`,
      );
    }
  }

  /** Stops the timer and flushes: afterwards every recorded row is in the store or in the spool. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.flush();
  }

  stats(): EventRecorderStats {
    return {
      buffered: this.current.length + this.sealedRows + this.spillingRows,
      spooledBatches: this.spooled.length,
      written: this.written,
    };
  }

  private seal(): void {
    if (this.current.length === 0) return;
    const rows = this.current;
    this.current = [];
    this.sealed.push({ token: batchToken(rows), rows });
    this.sealedRows += rows.length;
  }

  /** Queues one pump run after the current one; kicks that arrive before it starts share it. */
  private kick(force: boolean): Promise<void> {
    this.queuedForce ||= force;
    if (this.queued) return this.queued;
    const run = this.tail.then(() => {
      this.queued = null;
      const f = this.queuedForce;
      this.queuedForce = false;
      return this.pump(f);
    });
    this.queued = run;
    this.tail = run;
    return run;
  }

  private async pump(force: boolean): Promise<void> {
    try {
      await this.replaySpool(force);
      while (this.sealed.length > 0) {
        // While in backoff, batches go straight to the spool; once it has passed, the head is tried
        // again even with an empty spool (e.g. when spooling itself failed).
        const mayInsert = !this.storeDown || Date.now() >= this.retryAt;
        if (mayInsert) this.combineSealedHead();
        const batch = this.sealed[0];
        if (mayInsert && (await this.tryInsert(batch))) {
          this.dropSealedHead();
          continue;
        }
        await this.spoolBatch(batch);
        this.dropSealedHead();
      }
    } catch (e) {
      // A spool write failed: the batch stays at the head of `sealed` and is retried on the next tick.
      this.report(e);
    }
  }

  private async replaySpool(force: boolean): Promise<void> {
    while (this.spooled.length > 0) {
      if (!force && this.storeDown && Date.now() < this.retryAt) return;
      const name = this.spooled[0];
      let batch: Batch;
      try {
        batch = await this.spool.read(name);
      } catch (e) {
        // Taken off the list first, so an unreadable file can never stall the replay.
        this.spooled.shift();
        // Another recorder on the same spool replayed and removed it (its token made that harmless).
        if (isMissingFile(e)) continue;
        this.report(e);
        try {
          const moved = await this.spool.quarantine(name);
          this.report(new Error(`Unreadable spool file moved aside as ${moved}`));
        } catch (moveError) {
          this.report(moveError);
        }
        continue;
      }
      if (!(await this.tryInsert(batch))) return;
      this.spooled.shift();
      await this.spool.remove(name);
      force = false;
    }
  }

  private async tryInsert(batch: Batch): Promise<boolean> {
    try {
      await this.store.insertEvents(batch.rows, batch.token);
    } catch (e) {
      this.storeDown = true;
      this.backoffMs = Math.min(MAX_BACKOFF_MS, Math.max(MIN_BACKOFF_MS, this.backoffMs * 2));
      this.retryAt = Date.now() + this.backoffMs;
      this.report(e);
      return false;
    }
    this.storeDown = false;
    this.backoffMs = 0;
    this.written += batch.rows.length;
    return true;
  }

  private async spoolBatch(batch: Batch): Promise<void> {
    const name = await this.spool.write(batch);
    this.spooled.push(name);
  }

  /**
   * Merges the batches queued behind the head into it, up to maxInsertRows: under load one insert of
   * 50,000 rows costs far less than ten of 5,000 (each insert writes a part to both tables). The merged
   * batch gets its own token and stays one unit from here on (one insert, or one spool file).
   */
  private combineSealedHead(): void {
    if (this.sealed.length < 2) return;
    let rows = this.sealed[0].rows.length;
    let take = 1;
    while (
      take < this.sealed.length &&
      rows + this.sealed[take].rows.length <= this.maxInsertRows
    ) {
      rows += this.sealed[take].rows.length;
      take += 1;
    }
    if (take === 1) return;
    const merged = this.sealed.slice(0, take).flatMap((b) => b.rows);
    this.sealed.splice(0, take, { token: batchToken(merged), rows: merged });
  }

  private dropSealedHead(): void {
    const batch = this.sealed.shift();
    if (batch) this.sealedRows -= batch.rows.length;
  }

  /**
   * Memory is full (the store is slow or down): spool the newest sealed batches now, without waiting for
   * the pump, which may be stuck on an insert of the head batch.
   */
  private spill(): void {
    if (this.spill$) return;
    const run = async (): Promise<void> => {
      while (
        this.current.length + this.sealedRows > this.maxBufferedRows &&
        this.sealed.length > 1
      ) {
        // Taken out of `sealed` first so the pump never inserts a batch that is being spooled.
        const batch = this.sealed.pop() as Batch;
        this.sealedRows -= batch.rows.length;
        this.spillingRows += batch.rows.length;
        try {
          await this.spoolBatch(batch);
        } catch (e) {
          this.sealed.push(batch);
          this.sealedRows += batch.rows.length;
          throw e;
        } finally {
          this.spillingRows -= batch.rows.length;
        }
      }
    };
    this.spill$ = run()
      .catch((e: unknown) => this.report(e))
      .finally(() => {
        this.spill$ = null;
      });
  }

  private report(e: unknown): void {
    try {
      this.onError(asError(e));
    } catch {
      // onError itself threw: nothing left to report to, and record() must not throw.
    }
  }
}
