// Preloaded (`node --require bench/lib/probe.cjs …`) into every process the bench measures, so it can
// read their event-loop delay and memory without changing them. Answers the bench over the IPC channel
// the bench opens when it spawns the process:
//   { id, cmd: 'eld-reset' }  → starts a fresh event-loop delay histogram (sampled every 1 ms; the
//                               Node default is 10 ms)
//   { id, cmd: 'stats' }      → { eld: { p50, p90, p99, max } in µs, rss, heapUsed } (bytes)
//   { id, cmd: 'analytics', on } → the gateway only: EventRecorder.record() becomes a no-op (off) or is
//                               restored (on), to measure what analytics cost on the hot path
//   { id, cmd: 'memory' }     → process.memoryUsage() after a full GC (when started with --expose-gc),
//                               with the live handles and resources by kind (bench/aborts.mjs)
//   { id, cmd: 'heap-snapshot', path } → v8.writeHeapSnapshot(path) (after a GC); returns the path
//   { id, cmd: 'analytics-process' } → the gateway only: { pid, rss } of its analytics process (bytes),
//                               or null when it runs analytics inline
const { monitorEventLoopDelay } = require('node:perf_hooks');
const { createRequire } = require('node:module');

if (typeof process.send === 'function') {
  let histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  let originalRecord;

  const recorderClass = () => {
    // The gateway resolves @gateway/analytics from its own entry point; resolving from there gets
    // the very module instance it loaded (Node caches modules by real path).
    const fromEntry = createRequire(require.resolve(process.argv[1]));
    const lib = fromEntry('@gateway/analytics');
    // The request process's recorder is the remote one (separate analytics process) or the store's own
    // (ANALYTICS_PROCESS=inline): both are switched.
    return [lib.EventRecorder, lib.RemoteEventRecorder].filter(Boolean);
  };

  const { readFileSync, readdirSync } = require('node:fs');
  const analyticsProcess = () => {
    const children = readdirSync('/proc/self/task').flatMap((tid) =>
      readFileSync(`/proc/self/task/${tid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean),
    );
    for (const pid of children) {
      let cmdline;
      try {
        cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      } catch {
        continue;
      }
      if (!cmdline.includes('analytics-process.main')) continue;
      const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      return { pid: Number(pid), rss: kb ? Number(kb[1]) * 1024 : null };
    }
    return null;
  };

  const handlers = {
    'eld-reset': () => {
      histogram.disable();
      histogram = monitorEventLoopDelay({ resolution: 1 });
      histogram.enable();
      return {};
    },
    stats: () => {
      const us = (ns) => Math.round(ns / 1000);
      const mem = process.memoryUsage();
      return {
        eld: {
          p50: us(histogram.percentile(50)),
          p90: us(histogram.percentile(90)),
          p99: us(histogram.percentile(99)),
          max: us(histogram.max),
        },
        rss: mem.rss,
        heapUsed: mem.heapUsed,
      };
    },
    memory: () => {
      // Two passes: the first one runs finalizers (FinalizationRegistry, weak callbacks) that free more.
      if (typeof global.gc === 'function') {
        global.gc();
        global.gc();
      }
      const count = (items) => {
        const out = {};
        for (const k of items) out[k] = (out[k] ?? 0) + 1;
        return out;
      };
      return {
        gc: typeof global.gc === 'function',
        ...process.memoryUsage(),
        handles: count(process._getActiveHandles().map((h) => h?.constructor?.name ?? typeof h)),
        resources: count(process.getActiveResourcesInfo()),
      };
    },
    'heap-snapshot': ({ path }) => {
      if (typeof global.gc === 'function') global.gc();
      return require('node:v8').writeHeapSnapshot(path);
    },
    analytics: ({ on }) => {
      originalRecord ??= new Map(recorderClass().map((c) => [c, c.prototype.record]));
      for (const [cls, record] of originalRecord) {
        cls.prototype.record = on ? record : function recordNothing() {};
      }
      return { on };
    },
    'analytics-process': () => analyticsProcess(),
  };

  process.on('message', (msg) => {
    if (!msg || typeof msg !== 'object' || !(msg.cmd in handlers)) return;
    let reply;
    try {
      reply = { id: msg.id, ok: true, value: handlers[msg.cmd](msg) };
    } catch (err) {
      reply = { id: msg.id, ok: false, error: String(err && err.stack ? err.stack : err) };
    }
    process.send(reply);
  });
  // The IPC channel must not keep a target alive once it is told to stop.
  process.channel?.unref();
}
