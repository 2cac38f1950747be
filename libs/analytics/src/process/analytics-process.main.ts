// The analytics process: owns the store (embedded chDB or a ClickHouse server), the journal, the spool
// and the dead letters, so none of it runs on the request process's event loop or core. It is forked by
// AnalyticsProcess and talks to it over the IPC channel only; it exits when told to close, or when the
// request process is gone (after writing or spooling everything it received).
import { EventRecorder } from '../event-recorder';
import { openAnalyticsStore } from '../open-analytics-store';
import {
  CONFIG_ENV,
  toWireError,
  unpackEvent,
  type AnalyticsProcessConfig,
  type FromAnalytics,
  type ToAnalytics,
} from './protocol';
import { ReopeningStore } from './reopening-store';

function send(msg: FromAnalytics): void {
  if (process.connected) process.send?.(msg);
}

function log(level: 'warn' | 'error' | 'log', message: string): void {
  send({ t: 'log', level, message });
}

function main(): void {
  const raw = process.env[CONFIG_ENV];
  if (!raw || !process.send) {
    process.stderr.write(
      'The analytics process is started by the API (AnalyticsProcess), not by hand\n',
    );
    process.exit(2);
  }
  delete process.env[CONFIG_ENV];
  const cfg = JSON.parse(raw) as AnalyticsProcessConfig;
  // Ctrl-C and `docker stop` reach the whole process group: the request process decides when this one
  // stops (its last events come after its own signal), so these signals are left to it.
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', () => undefined);

  const store = new ReopeningStore(cfg.store, () =>
    openAnalyticsStore(cfg.store, {
      onUnreachable: (err) =>
        log(
          'warn',
          `ClickHouse is unreachable (${err.message.split('\n')[0]}): serving anyway; analytics wait on disk and /ready reports analytics down until it answers`,
        ),
    }),
  );
  const recorder = new EventRecorder(store, {
    spoolDir: cfg.spoolDir,
    onError: (e) =>
      log('warn', `Analytics write deferred (kept on disk): ${e.message.split('\n')[0]}`),
    onWarn: (m) => log('warn', m),
  });
  const reportStats = () => send({ t: 'stats', stats: recorder.stats(), storeOpen: store.isOpen });
  const statsTimer = setInterval(reportStats, cfg.statsIntervalMs);
  void store.warmUp().then((open) => {
    if (!open)
      log('warn', 'The analytics store is not reachable yet: rows wait on disk until it is');
    reportStats();
  });

  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      clearInterval(statsTimer);
      try {
        await recorder.close();
      } catch (e) {
        log('error', `Analytics rows left in memory at exit: ${toWireError(e).message}`);
      }
      await store.close().catch(() => undefined);
      reportStats();
      send({ t: 'closed' });
      process.disconnect?.();
      process.exit(0);
    })();
    return closing;
  };

  process.on('message', (msg: ToAnalytics) => {
    switch (msg.t) {
      case 'events':
        for (const row of msg.rows) recorder.record(unpackEvent(row));
        return;
      case 'query':
        store.query(msg.sql, msg.params).then(
          (rows) => send({ t: 'result', id: msg.id, rows }),
          (e: unknown) => send({ t: 'result', id: msg.id, error: toWireError(e) }),
        );
        return;
      case 'command':
        store.command(msg.sql, msg.params).then(
          () => send({ t: 'result', id: msg.id, rows: [] }),
          (e: unknown) => send({ t: 'result', id: msg.id, error: toWireError(e) }),
        );
        return;
      case 'flush':
        recorder.flush().then(
          () => {
            reportStats();
            send({ t: 'result', id: msg.id, rows: [] });
          },
          (e: unknown) => send({ t: 'result', id: msg.id, error: toWireError(e) }),
        );
        return;
      case 'close':
        void close();
        return;
    }
  });
  // The request process is gone (stopped or killed): every message it sent was read before this.
  process.on('disconnect', () => void close());
}

main();
