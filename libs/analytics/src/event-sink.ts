import type { RequestEvent } from './request-event';

export interface EventRecorderStats {
  /** rows in memory not yet in the store (current batch + sealed batches not moved to disk) */
  buffered: number;
  /** batches waiting on disk only (the store failed, was in backoff, or memory was full) */
  spooledBatches: number;
  /** rows of those batches (batches left by a previous process count once read) */
  spooledRows: number;
  /** rows this recorder wrote to the store (replays included) */
  written: number;
  /** rows the store refused as malformed, moved to `<spoolDir>/dead-letter/` */
  deadLettered: number;
  /** the last insert failed and the store is in backoff */
  storeFailing: boolean;
  /** message of the last failure reported to onError, with its time (ISO) */
  lastError: string | null;
  lastErrorAt: string | null;
}

/**
 * Where the request path hands its events: the recorder that writes the store itself (in the analytics
 * process, or inline) or the one that passes them to the analytics process. Also the live feed.
 */
export abstract class EventSink {
  /** Synchronous, never throws, no I/O on the caller's turn. */
  abstract record(ev: RequestEvent): void;
  /** Live feed of one gateway's events (a dashboard SSE stream). Returns the unsubscribe function. */
  abstract subscribe(gatewayId: string, fn: (ev: RequestEvent) => void): () => void;
  /** Live feed of every event (metrics, access log), called inside record(): keep it cheap. */
  abstract subscribeAll(fn: (ev: RequestEvent) => void): () => void;
  abstract stats(): EventRecorderStats;
  /** Resolves when everything recorded so far is in the store or durable on disk. */
  abstract flush(): Promise<void>;
  /** Stops accepting work after writing or spooling everything recorded. */
  abstract close(): Promise<void>;
}

/** The live-feed half of a sink: subscribers per gateway and for all, each isolated from the others. */
export class LiveFeed {
  private readonly subscribers = new Map<string, Set<(ev: RequestEvent) => void>>();
  private readonly allSubscribers = new Set<(ev: RequestEvent) => void>();

  constructor(private readonly onError: (e: unknown) => void) {}

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

  subscribeAll(fn: (ev: RequestEvent) => void): () => void {
    this.allSubscribers.add(fn);
    return () => {
      this.allSubscribers.delete(fn);
    };
  }

  publish(ev: RequestEvent): void {
    this.notify(this.allSubscribers, ev);
    const fns = this.subscribers.get(ev.gatewayId);
    if (fns) this.notify(fns, ev);
  }

  private notify(fns: Set<(ev: RequestEvent) => void>, ev: RequestEvent): void {
    if (fns.size === 0) return;
    for (const fn of fns) {
      try {
        fn(ev);
      } catch (e) {
        this.onError(e);
      }
    }
  }
}
