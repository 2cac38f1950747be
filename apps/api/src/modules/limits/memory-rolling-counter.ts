/** A key's points in its current window, and the time left before that window resets. */
export interface RollingCount {
  consumedPoints: number;
  msBeforeNext: number;
}

interface Window {
  points: number;
  /** Epoch ms; the window is over from this instant on. */
  resetAt: number;
}

/** How often windows that ended are dropped (at most; a shorter window is swept every window). */
const SWEEP_EVERY_MS = 60_000;

/**
 * Rolling windows in this process, synchronous (the store without REDIS_URL): a key's window lasts
 * `durationSeconds` from its first points, then the next points start a new one. It never refuses:
 * the caller compares the points with its own limit. Same semantics as rate-limiter-flexible's
 * RateLimiterMemory (`consume`, `penalty` and `reward` add to the live window or start one), without
 * its promise, result class and timer per key window: an ended window is found lazily on access,
 * and an unref'd sweep, running only while windows exist, drops those of idle keys.
 */
export class MemoryRollingCounter {
  private readonly windows = new Map<string, Window>();
  private readonly durationMs: number;
  private readonly sweepEveryMs: number;
  private timer?: NodeJS.Timeout;

  constructor(
    durationSeconds: number,
    private readonly now: () => number = Date.now,
  ) {
    this.durationMs = durationSeconds * 1000;
    this.sweepEveryMs = Math.min(this.durationMs, SWEEP_EVERY_MS);
  }

  /** Adds `points` to the key's window (starting one when none is live). */
  consume(key: string, points: number): RollingCount {
    return this.add(key, points);
  }

  /** Adds `points` (a request used more than it reserved). */
  penalty(key: string, points: number): RollingCount {
    return this.add(key, points);
  }

  /** Takes back `points` (a request used less than it reserved). */
  reward(key: string, points: number): RollingCount {
    return this.add(key, -points);
  }

  /** The key's live window, or null when it has none. */
  get(key: string): RollingCount | null {
    const now = this.now();
    const window = this.windows.get(key);
    if (window === undefined || window.resetAt <= now) return null;
    return { consumedPoints: window.points, msBeforeNext: window.resetAt - now };
  }

  /** Keys with a window in memory (live or ended and not swept yet). */
  get size(): number {
    return this.windows.size;
  }

  /** Drops every window that has ended; stops the sweep when none is left. */
  sweep(): void {
    const now = this.now();
    for (const [key, window] of this.windows) {
      if (window.resetAt <= now) this.windows.delete(key);
    }
    if (this.windows.size === 0) this.stop();
  }

  /** Stops the periodic sweep (the windows stay; the next new window starts it again). */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private add(key: string, points: number): RollingCount {
    const now = this.now();
    let window = this.windows.get(key);
    if (window === undefined) {
      window = { points, resetAt: now + this.durationMs };
      this.windows.set(key, window);
      if (this.timer === undefined) {
        this.timer = setInterval(() => this.sweep(), this.sweepEveryMs);
        this.timer.unref();
      }
    } else if (window.resetAt <= now) {
      window.points = points;
      window.resetAt = now + this.durationMs;
    } else {
      window.points += points;
    }
    return { consumedPoints: window.points, msBeforeNext: window.resetAt - now };
  }
}
