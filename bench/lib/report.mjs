// The markdown report: one table per measure, then the issue's targets with met / missed by how much.
const NAMES = {
  direct: 'direct call',
  'direct-b': 'direct again (noise)',
  floor: 'minimal proxy (floor)',
  gateway: 'this gateway',
  peer: 'peer (@portkey-ai/gateway)',
};
const us = (v) => (v === null || v === undefined ? '–' : `${Math.round(v)}`);
const x = (v) => (v === null || v === undefined || !Number.isFinite(v) ? '–' : `${v.toFixed(2)}×`);
const mib = (b) => (b === null || b === undefined ? '–' : (b / 2 ** 20).toFixed(1));
const kib = (b) => (b === null || b === undefined ? '–' : (b / 1024).toFixed(1));
const pct = (v) => `${(100 * v).toFixed(1)} %`;

function row(cells) {
  return `| ${cells.join(' | ')} |`;
}

export function renderMarkdown(r) {
  const d = r.derived;
  const out = [];
  const m = r.machine;
  out.push(
    `# Gateway bench (${r.mode}), ${r.startedAt}`,
    '',
    `${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}; ` +
      (m.pinned
        ? `targets pinned to cpu ${m.pinned.targets}, load generator + fake upstream to cpu ${m.pinned.loadAndUpstream}. `
        : 'no core pinning. ') +
      `Load average before ${m.loadavgBefore.join(' / ')}, after ${m.loadavgAfter.join(' / ')}` +
      (Math.max(...m.loadavgBefore, ...m.loadavgAfter) > 1.5
        ? ' (a busy machine: other work was running).'
        : '.'),
    '',
    '## Added latency (µs) over the direct call, non-streaming JSON',
    '',
    "Added = the target's percentile minus the direct call's. \"vs floor\" = added ÷ the minimal proxy's added.",
    '',
    row([
      'load',
      'target',
      'p50',
      'p90',
      'p99',
      'added p50',
      'added p90',
      'added p99',
      'p50 vs direct',
      'added p50 vs floor',
      'added p99 vs floor',
      'errors',
    ]),
    row(Array(12).fill('---')),
  );
  for (const [scenario, byTarget] of Object.entries(r.latency)) {
    const label = scenario === 'serial' ? 'one at a time' : scenario.replace('/s', ' req/s');
    for (const [name, s] of Object.entries(byTarget)) {
      const dd = d.latency[scenario][name];
      out.push(
        row([
          label,
          NAMES[name],
          us(s.p50),
          us(s.p90),
          us(s.p99),
          dd ? us(dd.added.p50) : '',
          dd ? us(dd.added.p90) : '',
          dd ? us(dd.added.p99) : '',
          dd ? x(dd.toDirect.p50) : '',
          dd && name !== 'floor' && name !== 'direct-b' ? x(dd.addedToFloor.p50) : '',
          dd && name !== 'floor' && name !== 'direct-b' ? x(dd.addedToFloor.p99) : '',
          `${s.errors}/${s.sent}`,
        ]),
      );
    }
  }

  out.push(
    '',
    '## Maximum throughput (wrk, 1 thread, 64 connections, target on one core)',
    '',
    row([
      'target',
      'req/s (median)',
      'runs',
      'errors',
      'wrk p50',
      'wrk p99',
      'vs direct',
      'vs floor',
    ]),
    row(Array(8).fill('---')),
  );
  for (const [name, t] of Object.entries(r.throughput)) {
    out.push(
      row([
        NAMES[name],
        `**${t.rps}**`,
        t.runs.join(', '),
        String(t.errors),
        us(t.p50),
        us(t.p99),
        x(t.rps / r.throughput.direct.rps),
        x(t.rps / r.throughput.floor.rps),
      ]),
    );
  }
  out.push(
    '',
    "The direct call's figure is the fake upstream's own ceiling, on the core it shares with wrk.",
    '',
    `## Streaming (${r.streaming.chunks} chunks, one every ${r.streaming.cadenceMs} ms)`,
    '',
    'Time to first chunk from the send; chunk delay = when the client read a chunk − when the upstream wrote it.',
    '',
    row([
      'target',
      'streams',
      'incomplete',
      'TTFB p50',
      'TTFB p99',
      'added TTFB p50',
      'added TTFB p99',
      'chunk delay p50',
      'chunk delay p99',
      'added chunk p99',
      'max chunk delay',
    ]),
    row(Array(11).fill('---')),
  );
  for (const name of ['direct', 'floor', 'gateway', 'peer']) {
    const s = r.streaming[name];
    const dd = d.streaming[name];
    out.push(
      row([
        NAMES[name],
        `${s.streams}${s.errors ? ` (${s.errors} errors)` : ''}`,
        String(s.incomplete),
        us(s.ttfb.p50),
        us(s.ttfb.p99),
        dd ? us(dd.ttfbAdded.p50) : '',
        dd ? us(dd.ttfbAdded.p99) : '',
        us(s.chunkDelay.p50),
        us(s.chunkDelay.p99),
        dd ? us(dd.chunkDelayAdded.p99) : '',
        us(s.chunkDelay.max),
      ]),
    );
  }

  out.push(
    '',
    '## Conversion paths (against calling the upstream format directly)',
    '',
    row([
      'path',
      'target',
      'added p50 @1000/s',
      'added p99 @1000/s',
      'added TTFB p50',
      'added chunk p99',
      'incomplete streams',
      'errors',
    ]),
    row(Array(8).fill('---')),
  );
  for (const [path, c] of Object.entries(r.conversion)) {
    for (const [side, dd] of Object.entries(d.conversion[path])) {
      const t = c[side];
      out.push(
        row([
          path,
          NAMES[side],
          us(dd.latencyAdded.p50),
          us(dd.latencyAdded.p99),
          us(dd.ttfbAdded.p50),
          us(dd.chunkDelayAdded.p99),
          String(t.incomplete),
          `${t.latency1000.errors + t.streamErrors}${t.firstError ? ` (${t.firstError})` : ''}`,
        ]),
      );
    }
  }

  out.push(
    '',
    '## Memory (resident set) and event-loop delay',
    '',
    row([
      'target',
      'RSS at boot (MiB)',
      'RSS idle (MiB)',
      'JS heap idle (MiB)',
      `RSS with ${r.plan.openStreams} open streams (MiB)`,
      'streams open',
      'per open stream (KiB)',
      'event-loop delay p99 @1000/s (µs)',
    ]),
    row(Array(8).fill('---')),
  );
  for (const name of ['floor', 'gateway', 'peer']) {
    const mm = r.memory[name];
    out.push(
      row([
        NAMES[name],
        mib(mm.rssBoot),
        mib(mm.rssIdle),
        mib(mm.heapIdle),
        mib(mm.rssOpen),
        `${mm.opened}${mm.failed ? ` (${mm.failed} failed)` : ''}`,
        kib(mm.perStream),
        us(r.eventLoop[name]?.p99),
      ]),
    );
  }
  if (r.memory.gateway.rssIdleAnalytics) {
    out.push(
      '',
      `The gateway's analytics process (chDB, journal, inserts; a process of its own) held ${mib(r.memory.gateway.rssIdleAnalytics)} MiB RSS idle, not counted above.`,
    );
  }
  out.push(
    row(['fake upstream', '', '', '', '', '', '', us(r.eventLoop.direct?.p99)]),
    '',
    '## Analytics',
    '',
    '"record() off" is the same gateway process with EventRecorder.record() swapped for a no-op by the',
    "bench's preloaded probe (the gateway has no switch for it).",
    '',
    row([
      'req/s, analytics on',
      'req/s, record() off',
      'cost',
      'p50 / p99 @1000/s on (µs)',
      'p50 / p99 @1000/s off (µs)',
      'requests sent',
      'events recorded',
    ]),
    row(Array(7).fill('---')),
    row([
      `${r.analytics.rpsOn} (${r.analytics.runsOn.join(', ')})`,
      `${r.analytics.rpsOff} (${r.analytics.runsOff.join(', ')})`,
      pct(d.analyticsCost),
      `${us(r.analytics.latency1000On.p50)} / ${us(r.analytics.latency1000On.p99)}`,
      `${us(r.analytics.latency1000Off.p50)} / ${us(r.analytics.latency1000Off.p99)}`,
      String(r.analytics.sent),
      String(r.analytics.recorded),
    ]),
    '',
    '## Targets (issue 7)',
    '',
    row(['target', 'measured', 'verdict']),
    row(['---', '---', '---']),
    ...checks(r).map((c) => row([c.what, c.measured, c.ok ? 'met' : `**missed** (${c.miss})`])),
    '',
  );
  return out.join('\n');
}

function checks(r) {
  const d = r.derived;
  const g1000 = d.latency['1000/s'].gateway.added;
  const out = [];
  const limit = (what, value, max, unit, fmt = (v) => `${Math.round(v)} ${unit}`) =>
    out.push({ what, measured: fmt(value), ok: value <= max, miss: `${fmt(value - max)} over` });
  const atLeast = (what, value, min, fmt) =>
    out.push({ what, measured: fmt(value), ok: value >= min, miss: `${fmt(min - value)} short` });
  limit('added latency p50 ≤ 300 µs at 1,000 req/s', g1000.p50, 300, 'µs');
  limit('added latency p99 ≤ 1,500 µs at 1,000 req/s', g1000.p99, 1500, 'µs');
  atLeast(
    'throughput ≥ 5,000 req/s on one core',
    r.throughput.gateway.rps,
    5000,
    (v) => `${Math.round(v)} req/s`,
  );
  atLeast('throughput ≥ 70 % of the minimal proxy', d.throughput.gatewayToFloor, 0.7, (v) =>
    pct(v),
  );
  atLeast(
    'throughput ≥ 5× the peer gateway',
    d.throughput.gatewayToPeer,
    5,
    (v) => `${v.toFixed(2)}×`,
  );
  const slower = [];
  for (const [scenario, byTarget] of Object.entries(d.latency)) {
    for (const p of ['p50', 'p90', 'p99']) {
      if (byTarget.gateway.added[p] >= byTarget.peer.added[p]) slower.push(`${scenario} ${p}`);
    }
  }
  out.push({
    what: 'added latency below the peer at every percentile',
    measured: slower.length ? `not below at ${slower.join(', ')}` : 'below at all',
    ok: slower.length === 0,
    miss: `${slower.length} of ${Object.keys(d.latency).length * 3}`,
  });
  limit('streaming added TTFB p50 ≤ 500 µs', d.streaming.gateway.ttfbAdded.p50, 500, 'µs');
  const s = r.streaming.gateway;
  out.push({
    what: 'no chunk held back (every stream complete; added chunk delay p99)',
    measured: `${s.incomplete} incomplete of ${s.streams}; added p99 ${us(d.streaming.gateway.chunkDelayAdded.p99)} µs`,
    ok:
      s.incomplete === 0 &&
      s.errors === 0 &&
      d.streaming.gateway.chunkDelayAdded.p99 < r.streaming.cadenceMs * 1000,
    miss: 'chunks arrive later than the next one is written',
  });
  limit(
    'RSS idle ≤ 150 MiB',
    r.memory.gateway.rssIdle / 2 ** 20,
    150,
    'MiB',
    (v) => `${v.toFixed(1)} MiB`,
  );
  limit(
    '≤ 64 KiB per open stream',
    r.memory.gateway.perStream / 1024,
    64,
    'KiB',
    (v) => `${v.toFixed(1)} KiB`,
  );
  limit(
    'analytics cost ≤ 5 % of throughput',
    d.analyticsCost * 100,
    5,
    '%',
    (v) => `${v.toFixed(1)} %`,
  );
  out.push({
    what: 'no analytics event lost',
    measured: `${r.analytics.recorded} recorded of ${r.analytics.sent} sent`,
    ok: r.analytics.recorded === r.analytics.sent,
    miss: `${r.analytics.sent - r.analytics.recorded} missing`,
  });
  return out;
}
