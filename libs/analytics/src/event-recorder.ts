import type { AnalyticsStore } from './analytics-store';
import { EventSink, LiveFeed, type EventRecorderStats } from './event-sink';
import { EventJournal, isMissingFile } from './event-journal';
import type { RequestEvent } from './request-event';
import { COLUMN_LIMITS, cleanName } from './row-sanitizer';
import { Spool, batchToken } from './spool';
import { clickHouseErrorCode, isBadDataError, isTransientError } from './store-errors';

export interface EventRecorderOptions {
  /** the journal (one segment file per batch not yet in the store) and `dead-letter/` live here */
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
  /** every failure (store, journal, subscriber) is reported here; default: process.emitWarning */
  onError?: (e: Error) => void;
  /**
   * operational warnings: rows dead-lettered, the spool passing spoolWarnRows; default:
   * process.emitWarning
   */
  onWarn?: (message: string) => void;
  /** onWarn once when rows waiting on disk pass this (again after it fell below); default 10 batches */
  spoolWarnRows?: number;
}

/** One batch not yet in the store: its journal segments and, unless moved out of memory, its rows. */
interface Unit {
  /** segment files holding exactly these rows, in order (several once batches were combined) */
  segments: string[];
  /** a batch file of an older version's spool, with its own token */
  legacy: boolean;
  /** null once only on disk */
  rows: RequestEvent[] | null;
  count: number;
  /** null for segments left by a previous process: ids already in the store are filtered first */
  token: string | null;
  durable: Promise<boolean>;
  /** failures with the store answering a probe: after MAX_STRIKES the batch is bisected */
  strikes: number;
}

const MIN_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 30_000;
const MAX_STRIKES = 3;

function asError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}

/**
 * The write path, off the request hot path. record() appends to memory and to the journal (written once
 * per event-loop turn, so an acknowledged request survives even SIGKILL); a single serial pump writes
 * sealed batches to the store. A batch stays on disk as its journal segment until the store has it: when
 * the store fails, is in backoff, or memory is full, the rows leave memory and are read back later, in
 * order, with exponential backoff. A batch the store rejects as malformed is bisected: good rows are
 * written, bad ones go to a dead-letter file. Tokens derived from the request ids make retries no-ops.
 */
export class EventRecorder extends EventSink {
  private readonly journal: EventJournal;
  private readonly legacySpool: Spool;
  private readonly flushIntervalMs: number;
  private readonly maxBatchRows: number;
  private readonly maxBufferedRows: number;
  private readonly maxInsertRows: number;
  private readonly spoolWarnRows: number;
  private readonly onError: (e: Error) => void;
  private readonly onWarn: (message: string) => void;
  private readonly feed: LiveFeed;
  private readonly timer: NodeJS.Timeout;

  private current: RequestEvent[] = [];
  private readonly units: Unit[] = [];
  /** rows of units still held in memory */
  private unitRows = 0;
  private inFlight: Unit | null = null;
  private written = 0;
  private deadLettered = 0;
  private storeDown = false;
  private backoffMs = 0;
  private retryAt = 0;
  private lastError: string | null = null;
  private lastErrorAt: string | null = null;
  private spoolWarned = false;
  private closed = false;
  private spill$: Promise<void> | null = null;

  private tail: Promise<void> = Promise.resolve();
  private queued: Promise<void> | null = null;
  private queuedForce = false;

  constructor(
    private readonly store: AnalyticsStore,
    opts: EventRecorderOptions,
  ) {
    super();
    this.journal = new EventJournal(opts.spoolDir, (e) => this.report(e));
    this.legacySpool = new Spool(opts.spoolDir);
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
    this.spoolWarnRows = opts.spoolWarnRows ?? this.maxBatchRows * 10;
    this.onError =
      opts.onError ?? ((e: Error) => process.emitWarning(e, { code: 'ANALYTICS_RECORDER' }));
    this.onWarn =
      opts.onWarn ?? ((m: string) => process.emitWarning(m, { code: 'ANALYTICS_RECORDER' }));
    this.feed = new LiveFeed((e) => this.report(e));
    // Segments left by a previous process (crash, SIGKILL, store down at exit) are replayed first.
    for (const name of this.journal.list()) {
      this.units.push({
        segments: [name],
        legacy: EventJournal.isLegacyBatch(name),
        rows: null,
        count: 0,
        token: null,
        durable: Promise.resolve(true),
        strikes: 0,
      });
    }
    this.timer = setInterval(() => {
      this.seal();
      void this.kick(false);
      if (this.current.length + this.unitRows > this.maxBufferedRows) this.spill();
    }, this.flushIntervalMs);
    this.timer.unref();
    if (this.units.length > 0) void this.kick(false);
  }

  /**
   * Synchronous and O(1): buffers the event, queues it for the journal's next write (same event-loop
   * turn) and feeds live subscribers. Never throws, never awaits, no I/O.
   */
  record(ev: RequestEvent): void {
    this.current.push(ev);
    try {
      this.journal.append(ev);
    } catch (e) {
      this.report(e);
    }
    // After close() there is no timer: write late events right away rather than strand them.
    if (this.closed) {
      this.seal();
      void this.kick(false);
    }
    this.feed.publish(ev);
    if (this.current.length >= this.maxBatchRows) {
      this.seal();
      void this.kick(false);
    }
    if (this.current.length + this.unitRows > this.maxBufferedRows) this.spill();
  }

  subscribe(gatewayId: string, fn: (ev: RequestEvent) => void): () => void {
    return this.feed.subscribe(gatewayId, fn);
  }

  /**
   * Live feed of every gateway's events (metrics, access log), called synchronously inside record():
   * keep it cheap. A listener that throws is reported to onError and never reaches the caller.
   */
  subscribeAll(fn: (ev: RequestEvent) => void): () => void {
    return this.feed.subscribeAll(fn);
  }

  /**
   * Writes everything recorded so far (trying the store once even in backoff). Resolves when each row is
   * in the store, dead-lettered, or durable on disk; rejects only if a batch is none of these (its journal
   * write failed and the store is down: it stays in memory and is retried).
   */
  async flush(): Promise<void> {
    this.seal();
    if (this.spill$) await this.spill$;
    await this.kick(true);
    // After a forced pump every batch is in the store or on disk, unless its journal write failed.
    const stranded = this.units.filter((u) => u.rows !== null);
    if (stranded.length > 0) {
      const rows = stranded.reduce((n, u) => n + u.count, 0);
      throw new Error(
        `${rows} analytics rows could be neither written nor spooled; kept in memory`,
      );
    }
  }

  /** Stops the timer and flushes: afterwards every recorded row is in the store or on disk. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.flush();
  }

  stats(): EventRecorderStats {
    let spooledBatches = 0;
    let spooledRows = 0;
    for (const u of this.units) {
      if (u.rows !== null) continue;
      spooledBatches += 1;
      spooledRows += u.count;
    }
    return {
      buffered: this.current.length + this.unitRows,
      spooledBatches,
      spooledRows,
      written: this.written,
      deadLettered: this.deadLettered,
      storeFailing: this.storeDown,
      lastError: this.lastError,
      lastErrorAt: this.lastErrorAt,
    };
  }

  private seal(): void {
    if (this.current.length === 0) return;
    const rows = this.current;
    this.current = [];
    const segment = this.journal.seal();
    this.units.push({
      segments: segment ? [segment.name] : [],
      legacy: false,
      rows,
      count: rows.length,
      token: batchToken(rows),
      durable: segment ? segment.durable : Promise.resolve(false),
      strikes: 0,
    });
    this.unitRows += rows.length;
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
      while (this.units.length > 0) {
        if (!force && this.storeDown && Date.now() < this.retryAt) {
          // In backoff: every batch still in memory moves to disk (it is already in the journal).
          for (const u of [...this.units]) if (u.rows !== null) await this.toDisk(u);
          return;
        }
        force = false;
        await this.writeHead();
      }
    } catch (e) {
      // Reading or removing a segment, or writing the dead letter, failed: retried on the next tick.
      this.report(e);
    } finally {
      this.checkSpoolSize();
    }
  }

  /** One attempt at the head batch: written (or dead-lettered) and removed, or left with backoff. */
  private async writeHead(): Promise<void> {
    this.combineHead();
    const head = this.units[0];
    const loaded = await this.load(head);
    if (loaded === 'gone') {
      this.dropHead(head);
      return;
    }
    if (loaded === 'failed') return;
    const { rows, token } = loaded;
    if (rows.length > 0) {
      this.inFlight = head;
      try {
        await this.store.insertEvents(rows, token);
        this.written += rows.length;
        // In the store now: no longer buffered, even before its segment is removed (a retry after a
        // failed removal reads the segment back and is deduplicated by its token).
        if (head.rows !== null) {
          this.unitRows -= head.count;
          head.rows = null;
        }
        this.markUp();
      } catch (e) {
        if (!(await this.shouldIsolate(head, e))) {
          this.markDown(e);
          return;
        }
        this.report(e);
        if (!(await this.isolate(rows, e))) return;
        this.markUp();
      } finally {
        this.inFlight = null;
      }
    }
    for (const name of head.segments) await this.removeFile(head, name);
    this.dropHead(head);
  }

  /**
   * Malformed data (a ClickHouse parse or type error) is isolated at once. Any other failure while the
   * store still answers a trivial query counts as a strike; after MAX_STRIKES it is isolated too, so a
   * head that can never be written does not block every newer batch behind it forever.
   */
  private async shouldIsolate(head: Unit, e: unknown): Promise<boolean> {
    if (isBadDataError(e)) return true;
    if (isTransientError(e) || !(await this.storeAnswers())) return false;
    head.strikes += 1;
    return head.strikes >= MAX_STRIKES;
  }

  /**
   * Bisects rows the store rejected until each bad row stands alone, then dead-letters it; every good row
   * is written. Returns false if the store went down meanwhile (the batch stays, and a retry re-sends the
   * same halves under the same tokens, so nothing already written counts twice).
   */
  private async isolate(rows: RequestEvent[], reason: unknown): Promise<boolean> {
    if (rows.length === 1) {
      const message = asError(reason).message.split('\n')[0].slice(0, 500);
      const file = await this.journal.deadLetter(rows, message);
      this.deadLettered += 1;
      this.warn(`analytics row ${rows[0].requestId} dead-lettered to ${file}: ${message}`);
      return true;
    }
    const mid = rows.length >> 1;
    for (const half of [rows.slice(0, mid), rows.slice(mid)]) {
      try {
        await this.store.insertEvents(half, batchToken(half));
        this.written += half.length;
      } catch (e) {
        const bad =
          isBadDataError(e) ||
          (clickHouseErrorCode(e) !== null && !isTransientError(e) && (await this.storeAnswers()));
        if (!bad) {
          this.markDown(e);
          return false;
        }
        if (!(await this.isolate(half, e))) return false;
      }
    }
    return true;
  }

  private async storeAnswers(): Promise<boolean> {
    try {
      await this.store.query('SELECT 1 AS ok', {});
      return true;
    } catch {
      return false;
    }
  }

  /**
   * The head's rows and token: from memory, or read back from its segments. For a segment left by a
   * previous process the request ids already in the store are left out first, because that process may
   * have written it inside a combined insert (another token) just before it died.
   */
  private async load(
    head: Unit,
  ): Promise<{ rows: RequestEvent[]; token: string } | 'gone' | 'failed'> {
    if (head.rows !== null && head.token !== null) return { rows: head.rows, token: head.token };
    if (!(await head.durable)) {
      // Cannot happen (rows leave memory only once durable); never loop on it.
      this.report(
        new Error(`journal segments ${head.segments.join(', ')} are not durable; skipped`),
      );
      return 'gone';
    }
    if (head.legacy) {
      try {
        const batch = await this.legacySpool.read(head.segments[0]);
        head.count = batch.rows.length;
        return batch;
      } catch (e) {
        if (isMissingFile(e)) return 'gone';
        this.report(e);
        try {
          const moved = await this.legacySpool.quarantine(head.segments[0]);
          this.report(new Error(`Unreadable spool file moved aside as ${moved}`));
        } catch (moveError) {
          this.report(moveError);
        }
        return 'gone';
      }
    }
    const rows: RequestEvent[] = [];
    for (const name of head.segments) {
      let read;
      try {
        read = await this.journal.read(name);
      } catch (e) {
        // Another recorder on the same directory replayed and removed it.
        if (isMissingFile(e)) return 'gone';
        throw e;
      }
      if (read.skipped > 0) {
        this.report(
          new Error(`${read.skipped} unreadable lines skipped in journal segment ${name}`),
        );
      }
      rows.push(...read.rows);
    }
    head.count = rows.length;
    if (head.token !== null) return { rows, token: head.token };
    let fresh: RequestEvent[];
    try {
      fresh = await this.notYetStored(rows);
    } catch (e) {
      this.markDown(e);
      return 'failed';
    }
    return { rows: fresh, token: batchToken(fresh) };
  }

  private async notYetStored(rows: RequestEvent[]): Promise<RequestEvent[]> {
    if (rows.length === 0) return rows;
    const ids = rows.map((r) => cleanName(r.requestId, COLUMN_LIMITS.id));
    const found = await this.store.query<{ request_id: string }>(
      'SELECT DISTINCT request_id FROM requests WHERE request_id IN {ids:Array(String)}',
      { ids },
    );
    if (found.length === 0) return rows;
    const stored = new Set(found.map((r) => r.request_id));
    return rows.filter((_, i) => !stored.has(ids[i]));
  }

  /**
   * Merges the in-memory batches queued behind the head into it, up to maxInsertRows: under load one
   * insert of 50,000 rows costs far less than ten of 5,000. The merged batch gets its own token and stays
   * one unit from here on (one insert, retried as a whole from its segments).
   */
  private combineHead(): void {
    const head = this.units[0];
    if (head.rows === null || head.token === null || this.units.length < 2) return;
    let rows = head.count;
    let take = 1;
    while (take < this.units.length) {
      const next = this.units[take];
      if (next.rows === null || next.token === null || rows + next.count > this.maxInsertRows)
        break;
      rows += next.count;
      take += 1;
    }
    if (take === 1) return;
    const group = this.units.slice(0, take);
    const merged = group.flatMap((u) => u.rows as RequestEvent[]);
    this.units.splice(0, take, {
      segments: group.flatMap((u) => u.segments),
      legacy: false,
      rows: merged,
      count: merged.length,
      token: batchToken(merged),
      durable: Promise.all(group.map((u) => u.durable)).then((ok) => ok.every(Boolean)),
      strikes: 0,
    });
  }

  private dropHead(head: Unit): void {
    if (this.units[0] === head) this.units.shift();
    if (head.rows !== null) this.unitRows -= head.count;
    head.rows = null;
  }

  private async removeFile(unit: Unit, name: string): Promise<void> {
    // The file is closed first (its last write and fsync are done), so nothing re-creates it.
    await unit.durable;
    if (unit.legacy) await this.legacySpool.remove(name);
    else await this.journal.remove(name);
  }

  /** Frees a batch's memory once its segment is durable; one whose journal write failed stays. */
  private async toDisk(u: Unit): Promise<void> {
    if (u.rows === null || u === this.inFlight) return;
    if (!(await u.durable)) return;
    if (u.rows === null || u === this.inFlight || !this.units.includes(u)) return;
    this.unitRows -= u.count;
    u.rows = null;
  }

  /**
   * Memory is full (the store is slow or down): move the newest batches to disk now, without waiting
   * for the pump, which may be stuck on an insert of the head batch.
   */
  private spill(): void {
    if (this.spill$) return;
    const over = () => this.current.length + this.unitRows > this.maxBufferedRows;
    const run = async (): Promise<void> => {
      // Batches sealed while this runs are picked up by the next round.
      while (over()) {
        const candidates = this.units.filter((u) => u.rows !== null && u !== this.inFlight);
        if (candidates.length === 0) return;
        for (const u of candidates.reverse()) {
          if (!over()) return;
          await this.toDisk(u);
        }
        if (candidates.every((u) => u.rows !== null)) return; // journal failing: nothing to free
      }
    };
    this.spill$ = run()
      .catch((e: unknown) => this.report(e))
      .finally(() => {
        this.spill$ = null;
      });
  }

  private markUp(): void {
    this.storeDown = false;
    this.backoffMs = 0;
  }

  private markDown(e: unknown): void {
    this.storeDown = true;
    this.backoffMs = Math.min(MAX_BACKOFF_MS, Math.max(MIN_BACKOFF_MS, this.backoffMs * 2));
    this.retryAt = Date.now() + this.backoffMs;
    this.report(e);
  }

  private checkSpoolSize(): void {
    const { spooledRows, spooledBatches } = this.stats();
    if (!this.spoolWarned && spooledRows > this.spoolWarnRows) {
      this.spoolWarned = true;
      this.warn(
        `analytics spool holds ${spooledRows} rows in ${spooledBatches} batches waiting for the store`,
      );
    } else if (this.spoolWarned && spooledRows <= this.spoolWarnRows / 2) {
      this.spoolWarned = false;
    }
  }

  private warn(message: string): void {
    try {
      this.onWarn(message);
    } catch {
      // onWarn itself threw: record() and the pump must not.
    }
  }

  private report(e: unknown): void {
    const err = asError(e);
    this.lastError = err.message.split('\n')[0].slice(0, 500);
    this.lastErrorAt = new Date().toISOString();
    try {
      this.onError(err);
    } catch {
      // onError itself threw: nothing left to report to, and record() must not throw.
    }
  }
}
