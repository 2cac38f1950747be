export class QueueTimeoutError extends Error {
  constructor(readonly waitedMs: number) {
    super(`Waited ${waitedMs} ms for a concurrency slot`);
    this.name = 'QueueTimeoutError';
  }
}

interface Waiter {
  resolve: (release: () => void) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * In-flight limiter with a bounded FIFO queue. `limit` is read on every decision so an adaptive
 * limit applies at once. `acquire` answers synchronously `'saturated'` when the caller should try
 * another provider (queue disabled or full), else a promise of a release function that rejects with
 * `QueueTimeoutError` after `queueTimeoutMs` in the queue.
 */
export class ConcurrencyGate {
  private active = 0;
  private readonly waiters: Waiter[] = [];

  constructor(
    private readonly options: () => {
      limit: number;
      queueSize: number;
      queueTimeoutMs: number;
      queue: boolean;
    },
  ) {}

  get inFlight(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiters.length;
  }

  acquire(): Promise<() => void> | 'saturated' {
    const opts = this.options();
    if (this.active < opts.limit && this.waiters.length === 0) {
      this.active += 1;
      return Promise.resolve(this.releaser());
    }
    if (!opts.queue || this.waiters.length >= opts.queueSize) return 'saturated';
    return new Promise<() => void>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        timer: setTimeout(() => {
          const index = this.waiters.indexOf(waiter);
          if (index >= 0) this.waiters.splice(index, 1);
          reject(new QueueTimeoutError(opts.queueTimeoutMs));
        }, opts.queueTimeoutMs),
      };
      waiter.timer.unref?.();
      this.waiters.push(waiter);
    });
  }

  /** Wakes queued callers while there is room (after a release or a raised limit). */
  drain(): void {
    const limit = this.options().limit;
    while (this.waiters.length > 0 && this.active < limit) {
      const waiter = this.waiters.shift()!;
      clearTimeout(waiter.timer);
      this.active += 1;
      waiter.resolve(this.releaser());
    }
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active -= 1;
      this.drain();
    };
  }
}
