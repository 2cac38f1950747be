import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AnalyticsConfig, AnalyticsStore, QueryParams } from '../analytics-store';
import { EventJournal } from '../event-journal';
import { EventSink, LiveFeed, type EventRecorderStats } from '../event-sink';
import type { RequestEvent } from '../request-event';
import {
  CONFIG_ENV,
  fromWireError,
  packEvents,
  type AnalyticsProcessConfig,
  type FromAnalytics,
  type PackedEvent,
  type ToAnalytics,
} from './protocol';

export interface AnalyticsProcessOptions {
  store: AnalyticsConfig;
  /** the journal, the spool and dead-letter/ (the analytics process owns them) */
  spoolDir: string;
  /** the analytics process's own log lines, and this side's */
  onLog?: (level: 'warn' | 'error' | 'log', message: string) => void;
  /** rows held here while the analytics process is down before they go to the journal; default 50,000 */
  maxQueuedRows?: number;
  /** how long close() waits for the analytics process to write or spool everything; default 10 s */
  closeTimeoutMs?: number;
  /** how often the analytics process reports its stats; default 250 ms */
  statsIntervalMs?: number;
  /** the script to fork; default the built `analytics-process.main.js` */
  script?: string;
  /** each stats report of the analytics process (a cluster primary passes them on to its workers) */
  onStats?: (msg: Extract<FromAnalytics, { t: 'stats' }>) => void;
}

const MIN_RESTART_MS = 250;
const EMPTY_STATS: EventRecorderStats = {
  buffered: 0,
  spooledBatches: 0,
  spooledRows: 0,
  written: 0,
  deadLettered: 0,
  storeFailing: false,
  lastError: null,
  lastErrorAt: null,
};
const MAX_RESTART_MS = 30_000;

/** The built entry point: next to this file once compiled; from the lib's dist when run from sources. */
function defaultScript(): string {
  const built = __filename.endsWith('.ts')
    ? join(__dirname, '..', '..', 'dist', 'process', 'analytics-process.main.js')
    : join(__dirname, 'analytics-process.main.js');
  if (!existsSync(built)) {
    throw new Error(
      `The analytics process entry ${built} is missing: build the analytics lib first (npx nx run analytics:build)`,
    );
  }
  return built;
}

interface Pending {
  resolve: (rows: unknown[]) => void;
  reject: (e: Error) => void;
}

/**
 * The request process's side of analytics: forks the analytics process (which owns the store, the
 * journal and the spool), hands it the events of each event-loop turn in one IPC message, forwards the
 * dashboard's queries, and restarts it if it dies. Events recorded while it is down wait here (bounded)
 * and then in the journal, which the next analytics process replays; nothing blocks a request.
 */
export class AnalyticsProcess {
  readonly store: AnalyticsStore;
  readonly recorder: RemoteEventRecorder;
  private child: ChildProcess | null = null;
  protected ready = false;
  protected stopping = false;
  private restartMs = MIN_RESTART_MS;
  private restartTimer: NodeJS.Timeout | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private lastStats: EventRecorderStats | null = null;
  private storeOpen = false;
  protected downSince: string | null = null;
  private closed: (() => void) | null = null;
  private overflow: EventJournal | null = null;
  private readonly overflowWrites: Promise<boolean>[] = [];

  protected constructor(protected readonly opts: AnalyticsProcessOptions) {
    this.store = new RemoteStore(this, opts.store.url ? 'clickhouse' : 'chdb');
    this.recorder = new RemoteEventRecorder(this, opts.maxQueuedRows ?? 50_000, (e) =>
      this.log('error', `Live analytics subscriber failed: ${(e as Error).message}`),
    );
  }

  static start(opts: AnalyticsProcessOptions): AnalyticsProcess {
    const p = new AnalyticsProcess(opts);
    p.spawn();
    return p;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** True while the analytics process runs and its store is open. */
  get storeReady(): boolean {
    return this.ready && this.storeOpen;
  }

  /** Stats of the analytics process's recorder (null until its first report, or while it is down). */
  childStats(): EventRecorderStats | null {
    return this.ready ? this.lastStats : null;
  }

  downError(): string | null {
    return this.ready ? null : `the analytics process is not running (since ${this.downSince})`;
  }

  /** Sends a batch; false when the analytics process cannot take it now. */
  sendEvents(rows: readonly RequestEvent[]): boolean {
    // Checked first: while the process is down the queue grows, and packing it each time would be waste.
    return this.canSend() && this.sendPacked(packEvents(rows));
  }

  /** Sends a batch already packed (a cluster worker's, relayed by the primary as it came). */
  sendPacked(rows: PackedEvent[]): boolean {
    return this.sendMessage({ t: 'events', rows });
  }

  request(msg: { t: 'query' | 'command'; sql: string; params: QueryParams } | { t: 'flush' }) {
    return new Promise<unknown[]>((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { resolve, reject });
      if (!this.sendMessage({ ...msg, id } as ToAnalytics)) {
        this.pending.delete(id);
        reject(new Error(this.downError() ?? 'the analytics process is not running'));
      }
    });
  }

  /** Rows that cannot be sent go to the journal, where the next analytics process finds them. */
  spill(rows: RequestEvent[]): void {
    if (rows.length === 0) return;
    this.overflow ??= new EventJournal(this.opts.spoolDir, (e) =>
      this.log('error', `Analytics overflow journal: ${(e as Error).message}`),
    );
    for (const row of rows) this.overflow.append(row);
    const segment = this.overflow.seal();
    if (segment) this.overflowWrites.push(segment.durable);
  }

  /** Hands over what is queued, then waits (bounded) until the analytics process wrote or spooled it all. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.recorder.sendQueued();
    const child = this.child;
    if (!child || !this.ready) {
      this.spill(this.recorder.takeQueued());
      await Promise.all(this.overflowWrites);
      return;
    }
    const done = new Promise<void>((resolve) => {
      this.closed = resolve;
      child.once('exit', () => resolve());
    });
    this.sendMessage({ t: 'close' });
    const timeout = this.opts.closeTimeoutMs ?? 10_000;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      done.then(() => false),
      new Promise<boolean>((r) => {
        timer = setTimeout(() => r(true), timeout);
      }),
    ]);
    clearTimeout(timer);
    if (timedOut) {
      // Whatever it received is in its journal already: the next start replays it.
      this.log('warn', `The analytics process did not finish in ${timeout} ms; stopping it`);
      child.kill('SIGKILL');
    }
    await Promise.all(this.overflowWrites);
  }

  protected spawn(): void {
    const cfg: AnalyticsProcessConfig = {
      store: this.opts.store,
      spoolDir: this.opts.spoolDir,
      statsIntervalMs: this.opts.statsIntervalMs ?? 250,
    };
    const child = fork(this.opts.script ?? defaultScript(), [], {
      env: { ...process.env, [CONFIG_ENV]: JSON.stringify(cfg) },
      // Not the request process's flags (--cpu-prof, --require of a probe, --inspect).
      execArgv: [],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'json',
    });
    this.child = child;
    // Messages sent before the process is up wait in the channel, so it counts as ready at once; a
    // failed spawn ends in 'exit' like a crash.
    this.ready = true;
    this.downSince = null;
    child.on('message', (msg: FromAnalytics) => this.onMessage(msg));
    child.on('error', (e) => {
      this.log('error', `Analytics process: ${e.message}`);
      // Never started (e.g. the entry file vanished): no 'exit' follows.
      if (child.pid === undefined) this.onExit(child, null, null);
    });
    child.once('exit', (code, signal) => this.onExit(child, code, signal));
    this.recorder.sendQueued();
  }

  protected onMessage(msg: FromAnalytics): void {
    switch (msg.t) {
      case 'stats':
        this.lastStats = msg.stats;
        this.storeOpen = msg.storeOpen;
        if (msg.storeOpen) this.restartMs = MIN_RESTART_MS;
        this.opts.onStats?.(msg);
        return;
      case 'result': {
        const p = this.pending.get(msg.id);
        if (!p) return;
        this.pending.delete(msg.id);
        if (msg.error) p.reject(fromWireError(msg.error));
        else p.resolve(msg.rows ?? []);
        return;
      }
      case 'log':
        this.log(msg.level, msg.message);
        return;
      case 'closed':
        this.closed?.();
        return;
    }
  }

  private onExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.child !== child) return;
    this.child = null;
    this.ready = false;
    this.storeOpen = false;
    this.downSince = new Date().toISOString();
    for (const [id, p] of this.pending) {
      this.pending.delete(id);
      p.reject(new Error('The analytics process exited before answering'));
    }
    this.opts.onStats?.({
      t: 'stats',
      stats: {
        ...(this.lastStats ?? EMPTY_STATS),
        storeFailing: true,
        lastError: this.downError(),
      },
      storeOpen: false,
    });
    if (this.stopping) return;
    this.log(
      'error',
      `The analytics process exited (${signal ?? `code ${code}`}); restarting in ${this.restartMs} ms`,
    );
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (!this.stopping) this.spawn();
    }, this.restartMs);
    this.restartTimer.unref();
    this.restartMs = Math.min(MAX_RESTART_MS, this.restartMs * 2);
  }

  protected canSend(): boolean {
    return this.ready && this.child !== null && this.child.connected;
  }

  protected sendMessage(msg: ToAnalytics): boolean {
    const child = this.child;
    if (!child || !this.canSend()) return false;
    try {
      child.send(msg);
      return true;
    } catch (e) {
      this.log('error', `Sending to the analytics process failed: ${(e as Error).message}`);
      return false;
    }
  }

  protected log(level: 'warn' | 'error' | 'log', message: string): void {
    if (this.opts.onLog) this.opts.onLog(level, message);
    else process.emitWarning(message, { code: 'ANALYTICS_PROCESS' });
  }
}

/**
 * The request path's recorder: appends to a queue sent once per event-loop turn (one IPC message, the
 * events packed), feeds the live subscribers synchronously, and reports the analytics process's stats
 * plus what waits here. Not later than the turn: a `kill -9` of this process loses at most that turn.
 */
export class RemoteEventRecorder extends EventSink {
  private queue: RequestEvent[] = [];
  private scheduled = false;
  private readonly feed: LiveFeed;
  private readonly sendDue = () => this.sendQueued();

  constructor(
    private readonly owner: AnalyticsProcess,
    private readonly maxQueuedRows: number,
    onError: (e: unknown) => void,
  ) {
    super();
    this.feed = new LiveFeed(onError);
  }

  record(ev: RequestEvent): void {
    this.queue.push(ev);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.sendDue);
    }
    this.feed.publish(ev);
  }

  subscribe(gatewayId: string, fn: (ev: RequestEvent) => void): () => void {
    return this.feed.subscribe(gatewayId, fn);
  }

  subscribeAll(fn: (ev: RequestEvent) => void): () => void {
    return this.feed.subscribeAll(fn);
  }

  /** @internal */
  sendQueued(): void {
    this.scheduled = false;
    if (this.queue.length === 0) return;
    if (this.owner.sendEvents(this.queue)) {
      this.queue = [];
    } else if (this.queue.length > this.maxQueuedRows) {
      this.owner.spill(this.takeQueued());
    }
  }

  /** @internal */
  takeQueued(): RequestEvent[] {
    const rows = this.queue;
    this.queue = [];
    return rows;
  }

  stats(): EventRecorderStats {
    const child = this.owner.childStats();
    const down = this.owner.downError();
    return {
      buffered: (child?.buffered ?? 0) + this.queue.length,
      spooledBatches: child?.spooledBatches ?? 0,
      spooledRows: child?.spooledRows ?? 0,
      written: child?.written ?? 0,
      deadLettered: child?.deadLettered ?? 0,
      storeFailing: down !== null || (child?.storeFailing ?? false),
      lastError: down ?? child?.lastError ?? null,
      lastErrorAt: child?.lastErrorAt ?? null,
    };
  }

  async flush(): Promise<void> {
    this.sendQueued();
    await this.owner.request({ t: 'flush' });
  }

  async close(): Promise<void> {
    await this.owner.stop();
  }
}

/** Queries and commands run by the analytics process; inserts only go through the recorder. */
class RemoteStore implements AnalyticsStore {
  constructor(
    private readonly owner: AnalyticsProcess,
    readonly kind: 'chdb' | 'clickhouse',
  ) {}

  insertEvents(): Promise<void> {
    return Promise.reject(new Error('Events reach the analytics process through its recorder'));
  }

  async query<T>(sql: string, params: QueryParams): Promise<T[]> {
    return (await this.owner.request({ t: 'query', sql, params })) as T[];
  }

  async command(sql: string, params: QueryParams = {}): Promise<void> {
    await this.owner.request({ t: 'command', sql, params });
  }

  async close(): Promise<void> {
    await this.owner.stop();
  }
}
