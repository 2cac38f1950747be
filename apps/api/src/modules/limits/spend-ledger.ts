import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { SubjectKind } from '@gateway/contracts';
import { refKey, type CounterRef } from './counter-ref';
import { currentPeriods, periodId } from './counter-windows';
import type { CounterTotal, SpendRepository } from './spend.repository';
import { withTimeout } from './with-timeout';

interface Row {
  ref: CounterRef;
  points: number;
}

const PRUNE_EVERY_MS = 6 * 3_600_000;
const RETENTION_MS = 100 * 86_400_000;
/** Shutdown waits this long at most for Postgres (a stop must not hang on a database that is down). */
const SHUTDOWN_BUDGET_MS = 5_000;

/**
 * This replica's side of the durable counters. Settled usage is added here in memory (`add`, on the
 * request path, no I/O) and written to Postgres in batches every `flushMs` and at shutdown, as
 * additive increments: each replica adds only what it settled itself, so the rows stay exact across
 * replicas. A batch carries this process's id and a sequence number, recorded in the same
 * transaction, so a retried batch is never counted twice. It also keeps the Postgres totals of the
 * current day and month (loaded at boot, updated by every flush): `seed` is what a counter missing
 * from Redis or memory starts from.
 */
export class SpendLedger {
  private readonly logger = new Logger('Spend');
  readonly replicaId = randomUUID();
  private seq = 0;
  private flushed = new Map<string, number>();
  private pending = new Map<string, Row>();
  /** The batch being written, or left over by a failed write (retried as is, same sequence number). */
  private batch?: { seq: number; rows: Map<string, Row> };
  private chain: Promise<unknown> = Promise.resolve();
  private timer?: NodeJS.Timeout;
  private lastPrune = 0;
  private failures = 0;
  private flushedDay = '';
  /** Runs after each flush with the new totals of current-period counters (Redis is raised to them). */
  onFlushed?: (totals: CounterTotal[]) => Promise<void>;

  constructor(
    private readonly repo: SpendRepository,
    private readonly flushMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Loads the current periods' totals, then flushes every `flushMs`. */
  async start(): Promise<void> {
    await this.load();
    this.timer = setInterval(() => this.tick(), this.flushMs);
    this.timer.unref();
  }

  /** Stops the timer and writes everything settled so far (retried for up to 5 s). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    const deadline = Date.now() + SHUTDOWN_BUDGET_MS;
    while (this.unflushed() > 0 && Date.now() < deadline) {
      try {
        await withTimeout(this.flush(), Math.max(1, deadline - Date.now()));
      } catch (err) {
        this.logger.warn(`Writing spend at shutdown failed: ${(err as Error).message}`);
        await new Promise((r) => setTimeout(r, 250));
      }
    }
    const left = this.unflushed();
    if (left > 0) {
      this.logger.error(`Spend of ${left} counters could not be written to Postgres before exit`);
    }
  }

  /** Records settled usage (called once per counter per request; never blocks). */
  add(ref: CounterRef, points: number, key = refKey(ref)): void {
    if (points === 0) return;
    const row = this.pending.get(key);
    if (row) row.points += points;
    else this.pending.set(key, { ref, points });
  }

  /** What the counter holds to this replica's knowledge: Postgres's total plus what is not written yet. */
  seed(ref: CounterRef): number {
    const key = refKey(ref);
    return (this.flushed.get(key) ?? 0) + this.unwritten(key);
  }

  /** Replaces the known totals with Postgres's (at boot, and when Redis lost its counters). */
  load(): Promise<void> {
    return this.serial(async () => {
      const totals = await this.repo.inPeriods(currentPeriods(this.now()));
      this.flushed = new Map(totals.map((t) => [refKey(t.ref), t.used]));
      this.flushedDay = periodId('day', this.now());
    });
  }

  /** Writes what was settled since the last flush (or retries the batch that failed). */
  flush(): Promise<void> {
    return this.serial(() => this.flushOnce());
  }

  /**
   * Writes counters counted elsewhere (an older version's Redis keys) once across all replicas, under
   * a fixed batch id, then reloads the totals. Returns the new totals, or null when already imported.
   * The totals are reloaded in every case: replicas booting together may have loaded theirs before
   * another one's import landed, and would otherwise seed Redis counters without it.
   */
  async importOnce(
    batchId: string,
    read: () => Promise<{ ref: CounterRef; points: number }[]>,
  ): Promise<CounterTotal[] | null> {
    if (await this.repo.hasBatch(batchId)) {
      await this.load();
      return null;
    }
    const rows = await read();
    const totals = await this.repo.applyBatch(batchId, 1, rows);
    await this.load();
    return totals;
  }

  /** One subject's counters in the current periods, from Postgres plus what this replica has not written. */
  async persisted(subjectKind: SubjectKind, subjectId: string): Promise<Map<string, number>> {
    const totals = await this.repo.ofSubject(subjectKind, subjectId, currentPeriods(this.now()));
    const out = new Map(totals.map((t) => [refKey(t.ref), t.used]));
    for (const rows of [this.batch?.rows, this.pending]) {
      for (const [key, row] of rows ?? []) {
        if (row.ref.subjectKind === subjectKind && row.ref.subjectId === subjectId) {
          out.set(key, (out.get(key) ?? 0) + row.points);
        }
      }
    }
    return out;
  }

  /** Counters with usage not yet in Postgres. */
  unflushed(): number {
    return this.pending.size + (this.batch?.rows.size ?? 0);
  }

  private unwritten(key: string): number {
    return (this.batch?.rows.get(key)?.points ?? 0) + (this.pending.get(key)?.points ?? 0);
  }

  private async flushOnce(): Promise<void> {
    if (!this.batch) {
      if (this.pending.size === 0) return;
      this.batch = { seq: ++this.seq, rows: this.pending };
      this.pending = new Map();
    }
    const rows = [...this.batch.rows.values()];
    const totals = await this.repo.applyBatch(this.replicaId, this.batch.seq, rows);
    this.batch = undefined;
    this.failures = 0;
    const current = new Set(currentPeriods(this.now()));
    if (totals) {
      for (const t of totals)
        if (current.has(t.ref.period)) this.flushed.set(refKey(t.ref), t.used);
    } else {
      // Written before, by an attempt whose answer was lost: the totals move by the batch.
      for (const r of rows) {
        const key = refKey(r.ref);
        if (current.has(r.ref.period))
          this.flushed.set(key, (this.flushed.get(key) ?? 0) + r.points);
      }
    }
    if (totals && this.onFlushed) {
      await this.onFlushed(totals.filter((t) => current.has(t.ref.period))).catch((err: Error) =>
        this.logger.debug(`Raising live counters after a flush failed: ${err.message}`),
      );
    }
  }

  private tick(): void {
    this.forgetPastPeriods();
    this.flush().catch((err: Error) => {
      // Every failure is retried next tick with the same batch; say so once, then now and then.
      if (this.failures++ % 60 === 0) {
        this.logger.error(
          `Writing spend to Postgres failed (${this.unflushed()} counters waiting, retrying): ${err.message}`,
        );
      }
    });
    const now = this.now();
    if (now - this.lastPrune >= PRUNE_EVERY_MS) {
      this.lastPrune = now;
      this.repo
        .prune(periodId('day', now - RETENTION_MS))
        .catch((err: Error) => this.logger.warn(`Pruning old spend rows failed: ${err.message}`));
    }
  }

  /** At a day's turn, totals of the past day (and month) are no longer seeds. */
  private forgetPastPeriods(): void {
    const today = periodId('day', this.now());
    if (today === this.flushedDay) return;
    this.flushedDay = today;
    const current = new Set(currentPeriods(this.now()));
    for (const key of [...this.flushed.keys()]) {
      const period = key.split(':')[1];
      if (!current.has(period)) this.flushed.delete(key);
    }
  }

  /** Loads and flushes run one at a time, so a load never sees a batch half applied. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(fn, fn);
    this.chain = run.catch(() => undefined);
    return run;
  }
}
