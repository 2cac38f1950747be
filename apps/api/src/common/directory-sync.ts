import type { Logger } from '@nestjs/common';

/**
 * How an in-memory directory (secrets, keys, limits, providers, MCP servers, access) stays in step
 * with Postgres: local changes apply at once, and a full reload every CREDENTIALS_REFRESH_MS picks up
 * other replicas' changes.
 *
 * A full reload reads a snapshot, which takes time: a change applied locally while it was being read
 * (a gateway just created, a key just revoked) may be missing from it. Every read and every local
 * change gets a stamp from one counter; a snapshot is applied only when nothing was applied after its
 * read began, so it can never undo a newer change. A dropped snapshot is read again (up to three
 * times here, and in any case at the next refresh).
 */
export class DirectorySync {
  private clock = 0;
  private lastApplied = 0;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly what: string,
    private readonly logger: Pick<Logger, 'warn'>,
  ) {}

  /** Marks a local change just applied (an entry put or removed, one gateway re-read). */
  changed(): void {
    this.lastApplied = ++this.clock;
  }

  /**
   * Reads a full snapshot and applies it, unless a change was applied after the read began. Returns
   * whether it was applied.
   */
  async replaceAll<T>(read: () => Promise<T>, apply: (snapshot: T) => void): Promise<boolean> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const startedAt = ++this.clock;
      const snapshot = await read();
      if (this.lastApplied > startedAt) continue;
      apply(snapshot);
      this.lastApplied = startedAt;
      return true;
    }
    return false;
  }

  /** Calls `reload` every `ms` (0: never), logging failures; the timer does not hold the process. */
  every(ms: number, reload: () => Promise<unknown>): void {
    if (ms <= 0) return;
    this.stop();
    this.timer = setInterval(() => {
      reload().catch((err: Error) =>
        this.logger.warn(`${this.what} refresh failed: ${err.message}`),
      );
    }, ms);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
