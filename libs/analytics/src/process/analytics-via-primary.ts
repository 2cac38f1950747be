import type { Worker } from 'node:cluster';
import { AnalyticsProcess, type AnalyticsProcessOptions } from './analytics-process';
import { toWireError, unpackEvents, type FromAnalytics, type ToAnalytics } from './protocol';

/** Messages between cluster workers and their primary carry analytics under this key. */
interface Envelope {
  analytics: ToAnalytics | FromAnalytics;
}

function isEnvelope(m: unknown): m is Envelope {
  return typeof m === 'object' && m !== null && 'analytics' in m;
}

/**
 * A cluster worker's analytics: the same recorder and store as with a process of its own, but the
 * messages go to the primary, which owns the one analytics process (chDB opens its files once) and
 * relays (see relayAnalytics).
 */
export class AnalyticsViaPrimary extends AnalyticsProcess {
  private sending: Promise<void> = Promise.resolve();

  static connect(
    opts: Pick<AnalyticsProcessOptions, 'onLog' | 'maxQueuedRows' | 'store' | 'spoolDir'>,
  ) {
    const p = new AnalyticsViaPrimary(opts);
    p.spawn();
    return p;
  }

  override get pid(): number | undefined {
    return undefined;
  }

  protected override spawn(): void {
    this.ready = process.connected;
    process.on('message', (m: unknown) => {
      if (isEnvelope(m)) this.onMessage(m.analytics as FromAnalytics);
    });
    process.once('disconnect', () => {
      this.ready = false;
      this.downSince = new Date().toISOString();
    });
  }

  protected override canSend(): boolean {
    return this.ready && process.connected && process.send !== undefined;
  }

  protected override sendMessage(msg: ToAnalytics): boolean {
    if (!this.canSend()) return false;
    const envelope: Envelope = { analytics: msg };
    this.sending = new Promise((resolve) => {
      process.send?.(envelope, undefined, {}, () => resolve());
    });
    return true;
  }

  /** Hands what is queued to the primary and waits until it left this process (the primary writes it). */
  override async stop(): Promise<void> {
    this.stopping = true;
    this.recorder.sendQueued();
    const left = this.recorder.takeQueued();
    if (left.length > 0) this.spill(left);
    await this.sending;
  }
}

/**
 * The primary's side: events from the worker go to the analytics process (or its journal when it is
 * down), queries come back to the worker that asked. `close` from a worker is ignored: the primary stops
 * the analytics process after the last worker.
 */
export function relayAnalytics(p: AnalyticsProcess, worker: Worker): void {
  const reply = (msg: FromAnalytics) => {
    if (worker.isConnected()) worker.send({ analytics: msg } satisfies Envelope);
  };
  worker.on('message', (m: unknown) => {
    if (!isEnvelope(m)) return;
    const msg = m.analytics as ToAnalytics;
    switch (msg.t) {
      case 'events':
        if (!p.sendPacked(msg.rows)) p.spill(unpackEvents(msg.rows));
        return;
      case 'query':
      case 'command':
        p.request({ t: msg.t, sql: msg.sql, params: msg.params }).then(
          (rows) => reply({ t: 'result', id: msg.id, rows }),
          (e: unknown) => reply({ t: 'result', id: msg.id, error: toWireError(e) }),
        );
        return;
      case 'flush':
        p.recorder.flush().then(
          () => reply({ t: 'result', id: msg.id, rows: [] }),
          (e: unknown) => reply({ t: 'result', id: msg.id, error: toWireError(e) }),
        );
        return;
      case 'close':
        return;
    }
  });
}

/** Passes the analytics process's stats on to every worker (their /ready and /metrics read them). */
export function broadcastStats(
  workers: Iterable<Worker>,
  msg: Extract<FromAnalytics, { t: 'stats' }>,
) {
  for (const w of workers) if (w.isConnected()) w.send({ analytics: msg } satisfies Envelope);
}
