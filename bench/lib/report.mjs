// The markdown report: one table per measure, then the issue's targets with met / missed by how much.
// `--workers` has a report of its own (renderWorkers).
const NAMES = {
  direct: 'direct call',
  'direct-b': 'direct again (noise)',
  floor: 'minimal proxy (floor)',
  gateway: 'this gateway',
  peer: 'peer (@portkey-ai/gateway)',
  'gateway-1': 'this gateway, WORKERS=1',
  'gateway-2': 'this gateway, WORKERS=2',
};
const us = (v) => (v === null || v === undefined ? '–' : `${Math.round(v)}`);
const x = (v) => (v === null || v === undefined || !Number.isFinite(v) ? '–' : `${v.toFixed(2)}×`);
const mib = (b) => (b === null || b === undefined ? '–' : (b / 2 ** 20).toFixed(1));
const kib = (b) => (b === null || b === undefined ? '–' : (b / 1024).toFixed(1));
const pct = (v) => `${(100 * v).toFixed(1)} %`;
const int = (v) => Math.round(v).toLocaleString('en-US');
const cores = (v) => (v === null || v === undefined ? '–' : v.toFixed(2));

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
    ...keyLimitsSection(r),
    ...conversionThroughputSection(r),
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
    '## Targets (issue: analytics off the request core)',
    '',
    "Computed from this run's own figures; a row whose scenario did not run says so.",
    '',
    row(['target', 'measured', 'verdict']),
    row(['---', '---', '---']),
    ...targetRows(r).map((t) => row([t.what, t.measured, t.verdict])),
    '',
  );
  return out.join('\n');
}

/** wrk figures of alternatives side by side, each against the first (`base`). */
function wrkTable(firstHeader, rows, base) {
  return [
    row([
      firstHeader,
      'req/s (median)',
      'runs',
      'errors',
      'wrk p50',
      'wrk p99',
      `vs ${base.label}`,
    ]),
    row(Array(7).fill('---')),
    ...rows.map(({ label, t }) =>
      row([
        label,
        `**${t.rps}**`,
        t.runs.join(', '),
        String(t.errors),
        us(t.p50),
        us(t.p99),
        pct(t.rps / base.t.rps),
      ]),
    ),
  ];
}

function keyLimitsSection(r) {
  const k = r.keyLimits;
  if (!k) return [];
  const limits = Object.entries(k.limits)
    .map(([name, v]) => `${name} ${int(v)}`)
    .join(', ');
  const secret = { label: 'the gateway secret (no limits)', t: k.secret };
  return [
    '## A key with rate limits and a budget (wrk, 1 thread, 64 connections, target on one core)',
    '',
    `The same gateway process, the same request, with its plain secret and with a key created through`,
    `\`POST /gateway/{id}/keys\` with ${limits}: every request is reserved and settled against each`,
    `limit (its input tokenized for tpm), none refused. Checked before timing: the key answered 200`,
    `with ${Object.entries(k.headers)
      .filter(([h]) => h.startsWith('x-ratelimit-limit-'))
      .map(([h, v]) => `\`${h}: ${v}\``)
      .join(', ')}. Counters in ${k.counters === 'redis' ? 'Redis' : 'memory (no REDIS_URL)'}.`,
    '',
    ...wrkTable('credential', [secret, { label: 'the key with limits', t: k.key }], secret),
    '',
  ];
}

function conversionThroughputSection(r) {
  const c = r.conversionThroughput;
  if (!c) return [];
  const same = { label: 'same format', t: c.same };
  return [
    '## Conversion throughput (wrk, 1 thread, 64 connections, target on one core)',
    '',
    'An OpenAI Chat client (`/v1/chat/completions`) through the gateway: to the OpenAI upstream',
    '(`gpt-4o-mini`, passed through) and to the Anthropic upstream (`claude-sonnet-4-5`, request and',
    'answer converted). The two fake upstream answers are of about the same size.',
    '',
    ...wrkTable(
      'path',
      [
        { label: 'OpenAI client → OpenAI upstream (same format)', t: c.same },
        { label: 'OpenAI client → Anthropic upstream (converted)', t: c.converted },
      ],
      same,
    ),
    '',
  ];
}

const ratio = (a, b) => (a === undefined || b === undefined || !b ? undefined : a / b);
const diff = (a, b) =>
  a === undefined || a === null || b === undefined || b === null ? undefined : a - b;
const points = (v) => `${(100 * v).toFixed(1)} points`;

/**
 * The issue's targets, each from the run's own figures: `at` reads the measured value (undefined
 * when the run lacks it), `detail` the figures it comes from; `max` or `min` is the bound, `gap`
 * formats by how much it was missed; `fails` names a reason to call it missed whatever the value.
 */
const TARGETS = [
  {
    what: 'throughput ≥ 70 % of the minimal proxy',
    at: (r) => ratio(r.throughput?.gateway?.rps, r.throughput?.floor?.rps),
    min: 0.7,
    fmt: pct,
    gap: points,
    detail: (r) => `${int(r.throughput.gateway.rps)} vs ${int(r.throughput.floor.rps)} req/s`,
  },
  {
    what: 'throughput ≥ 5× the peer gateway',
    at: (r) => ratio(r.throughput?.gateway?.rps, r.throughput?.peer?.rps),
    min: 5,
    fmt: (v) => `${v.toFixed(2)}×`,
    gap: (v) => `${v.toFixed(2)}×`,
    detail: (r) => `${int(r.throughput.gateway.rps)} vs ${int(r.throughput.peer.rps)} req/s`,
  },
  {
    what: 'added latency p50 ≤ 300 µs, one request at a time',
    at: (r) => diff(r.latency?.serial?.gateway?.p50, r.latency?.serial?.direct?.p50),
    max: 300,
    fmt: (v) => `${int(v)} µs`,
  },
  {
    what: 'added latency p99 ≤ 1,500 µs at 1,000 req/s',
    at: (r) => diff(r.latency?.['1000/s']?.gateway?.p99, r.latency?.['1000/s']?.direct?.p99),
    max: 1500,
    fmt: (v) => `${int(v)} µs`,
  },
  {
    what: 'analytics on costs ≤ 5 % of throughput (vs record() off)',
    at: (r) => (r.analytics ? 1 - r.analytics.rpsOn / r.analytics.rpsOff : undefined),
    max: 0.05,
    fmt: pct,
    gap: points,
    detail: (r) => `${int(r.analytics.rpsOn)} on vs ${int(r.analytics.rpsOff)} off req/s`,
  },
  {
    what: 'analytics on adds ≤ 100 µs p50 at 1,000 req/s (vs record() off)',
    at: (r) => diff(r.analytics?.latency1000On?.p50, r.analytics?.latency1000Off?.p50),
    max: 100,
    fmt: (v) => `${int(v)} µs`,
    detail: (r) =>
      `p50 ${us(r.analytics.latency1000On.p50)} on vs ${us(r.analytics.latency1000Off.p50)} µs off`,
  },
  {
    what: 'a key with rate limits and a budget ≥ 90 % of the secret’s throughput',
    at: (r) => ratio(r.keyLimits?.key?.rps, r.keyLimits?.secret?.rps),
    min: 0.9,
    fmt: pct,
    gap: points,
    detail: (r) => `${int(r.keyLimits.key.rps)} vs ${int(r.keyLimits.secret.rps)} req/s`,
    fails: (r) => (r.keyLimits.key.errors ? `${r.keyLimits.key.errors} errors` : undefined),
  },
  {
    what: 'OpenAI → Anthropic conversion ≥ 90 % of same-format throughput',
    at: (r) => ratio(r.conversionThroughput?.converted?.rps, r.conversionThroughput?.same?.rps),
    min: 0.9,
    fmt: pct,
    gap: points,
    detail: (r) =>
      `${int(r.conversionThroughput.converted.rps)} vs ${int(r.conversionThroughput.same.rps)} req/s`,
    fails: (r) =>
      r.conversionThroughput.converted.errors
        ? `${r.conversionThroughput.converted.errors} errors`
        : undefined,
  },
  {
    what: 'streaming added TTFB p50 ≤ 500 µs',
    at: (r) => diff(r.streaming?.gateway?.ttfb?.p50, r.streaming?.direct?.ttfb?.p50),
    max: 500,
    fmt: (v) => `${int(v)} µs`,
  },
  {
    what: 'streaming added chunk delay p99 ≤ 1,000 µs',
    at: (r) => diff(r.streaming?.gateway?.chunkDelay?.p99, r.streaming?.direct?.chunkDelay?.p99),
    max: 1000,
    fmt: (v) => `${int(v)} µs`,
    detail: (r) =>
      `${r.streaming.gateway.incomplete} incomplete of ${r.streaming.gateway.streams} streams`,
    // A delay measured on streams that lost chunks says nothing about the ones held back.
    fails: (r) => {
      const s = r.streaming.gateway;
      return s.incomplete || s.errors
        ? `${s.incomplete} incomplete, ${s.errors} errors`
        : undefined;
    },
  },
  {
    what: '1,000 concurrent streams ≤ 64 KiB each',
    at: (r) =>
      r.memory?.gateway?.perStream == null ? undefined : r.memory.gateway.perStream / 1024,
    max: 64,
    fmt: (v) => `${v.toFixed(1)} KiB`,
    detail: (r) => `${r.memory.gateway.opened} of ${r.plan.openStreams} streams open`,
    fails: (r) =>
      r.memory.gateway.opened < r.plan.openStreams
        ? `only ${r.memory.gateway.opened} streams opened`
        : undefined,
  },
  {
    what: 'idle RSS of the request process ≤ 150 MiB',
    at: (r) =>
      r.memory?.gateway?.rssIdle == null ? undefined : r.memory.gateway.rssIdle / 2 ** 20,
    max: 150,
    fmt: (v) => `${v.toFixed(1)} MiB`,
    detail: (r) =>
      r.memory.gateway.rssIdleAnalytics
        ? `analytics process ${mib(r.memory.gateway.rssIdleAnalytics)} MiB apart`
        : undefined,
  },
];

/** One row per target: what, the measured figure, and met / missed by how much / not measured. */
export function targetRows(r) {
  return TARGETS.map((t) => {
    const value = t.at(r);
    if (value === undefined || value === null || !Number.isFinite(value)) {
      return { what: t.what, measured: 'not measured', verdict: 'not measured' };
    }
    const gap = t.gap ?? t.fmt;
    const detail = t.detail?.(r);
    const measured = detail ? `${t.fmt(value)} (${detail})` : t.fmt(value);
    const failed = t.fails?.(r);
    let verdict = 'met';
    if (t.max !== undefined && value > t.max) verdict = `**missed** (${gap(value - t.max)} over)`;
    else if (t.min !== undefined && value < t.min) {
      verdict = `**missed** (${gap(t.min - value)} short)`;
    } else if (failed) verdict = `**missed** (${failed})`;
    return { what: t.what, measured, verdict };
  });
}

/** The `--workers` report: the cluster against one process, with the floor and the upstream's ceiling. */
export function renderWorkers(r) {
  const m = r.machine;
  const w = r.workers;
  const one = { label: NAMES['gateway-1'], t: w['gateway-1'] };
  const left = [...r.leftovers.killed, ...r.leftovers.stillRunning];
  return [
    `# Gateway bench (${r.mode}), ${r.startedAt}: 2 cores vs 1`,
    '',
    `${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}; no core pinning. ` +
      `Load average before ${m.loadavgBefore.join(' / ')}, after ${m.loadavgAfter.join(' / ')}` +
      (Math.max(...m.loadavgBefore, ...m.loadavgAfter) > 1.5
        ? ' (a busy machine: other work was running).'
        : '.'),
    '',
    `## Throughput with WORKERS=2 against WORKERS=1 (wrk, ${r.plan.threads} threads, ${r.plan.connections} connections, nothing pinned)`,
    '',
    `**wrk and the fake upstream run on the same ${m.cores} cores as the targets**: the gateway never has`,
    'a second core to itself, so the ratio below is a lower bound of what a second core gives it.',
    `Both gateways are fresh processes, each with its own embedded Postgres and one analytics process,`,
    `up for the whole comparison (the one not measured is idle), REDIS_URL ${r.redisUrl} for both;`,
    `${r.plan.rounds} rounds of ${r.plan.seconds} s, targets alternating. CPU = cores used by the target's`,
    'processes (all of them: primary, workers, analytics, Postgres) and by the fake upstream during its slices.',
    '',
    row([
      'target',
      'request processes',
      'req/s (median)',
      'runs',
      'errors',
      'wrk p50',
      'wrk p99',
      'target CPU (cores)',
      'fake upstream CPU (cores)',
      'vs WORKERS=1',
    ]),
    row(Array(10).fill('---')),
    ...['direct', 'floor', 'gateway-1', 'gateway-2'].map((name) => {
      const t = w[name];
      return row([
        name === 'direct' ? 'direct call (the fake upstream’s ceiling)' : NAMES[name],
        String(t.requestProcesses),
        `**${t.rps}**`,
        t.runs.join(', '),
        String(t.errors),
        us(t.p50),
        us(t.p99),
        name === 'direct' ? '' : cores(t.targetCores),
        cores(t.upstreamCores),
        x(t.rps / one.t.rps),
      ]);
    }),
    '',
    `**WORKERS=2 / WORKERS=1: ${x(r.twoToOne)}** (${int(w['gateway-2'].rps)} vs ${int(w['gateway-1'].rps)} req/s).`,
    '',
    'Before timing, each new gateway secret was retried until it answered 200 on 4 fresh connections per ' +
      'request process in a row (the cluster hands connections to the workers in turn; a secret created ' +
      'through one worker reaches the others a moment later): ' +
      ['gateway-1', 'gateway-2']
        .map((n) => `${NAMES[n]} after ${int(w[n].secretReachedAllMs ?? 0)} ms`)
        .join(', ') +
      '.',
    '',
    left.length
      ? `Processes left running after the targets stopped (killed by pid): ${left.join(', ')}.`
      : 'Every process the bench started (cluster workers, analytics processes, Postgres) had ended when it finished.',
    '',
  ].join('\n');
}
