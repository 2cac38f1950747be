// The harness's own behaviour (never its figures): percentiles, per-chunk timing through the fake
// upstream in both formats, the profile summary, per-thread CPU, the targets table, the key check,
// and that stopping a target leaves nothing of it running.   cd bench && npm test
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { makeRequest, openLoop, serial, streams } from '../lib/load.mjs';
import { descendants, isAlive, startNode } from '../lib/processes.mjs';
import { summarizeProfile } from '../lib/profile.mjs';
import { renderWorkers, targetRows } from '../lib/report.mjs';
import { added, median, summarize, summarizeWrk } from '../lib/stats.mjs';
import { limitHeaderProblems, rateLimitHeadersOf, UNREACHABLE_LIMITS } from '../lib/targets.mjs';
import { processTicks, threadShares, threadTimes } from '../lib/threads.mjs';

describe('stats', () => {
  it('takes nearest-rank percentiles of the samples', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i); // 1..100, unsorted
    assert.deepEqual(summarize(samples), { n: 100, p50: 50, p90: 90, p99: 99, max: 100 });
  });

  it('reports no percentile for no samples', () => {
    assert.equal(summarize([]).p50, null);
  });

  it('subtracts the base percentile by percentile', () => {
    assert.deepEqual(added({ p50: 500, p90: 900, p99: 2000 }, { p50: 100, p90: 300, p99: 400 }), {
      p50: 400,
      p90: 600,
      p99: 1600,
    });
  });

  it('takes the median of an even count as the mean of the middle two', () => {
    assert.equal(median([4, 1, 3, 2]), 2.5);
  });

  it('keeps the median req/s of wrk runs, every run, and all their errors', () => {
    const runs = [
      { rps: 1000.4, errors: 1, p50: 10, p99: 90 },
      { rps: 1200.6, errors: 0, p50: 12, p99: 80 },
      { rps: 900, errors: 2, p50: 14, p99: 70 },
    ];
    assert.deepEqual(summarizeWrk(runs), {
      rps: 1000,
      runs: [1000, 1201, 900],
      errors: 3,
      p50: 12,
      p99: 80,
    });
  });
});

describe('key with limits', () => {
  it('accepts headers that carry every limit of the key', () => {
    const headers = {
      'x-ratelimit-limit-requests': String(UNREACHABLE_LIMITS.rpm),
      'x-ratelimit-limit-tokens': String(UNREACHABLE_LIMITS.tpm),
      'x-ratelimit-limit-usd': String(UNREACHABLE_LIMITS.budget_usd_per_day),
    };
    assert.deepEqual(limitHeaderProblems(headers, UNREACHABLE_LIMITS), []);
  });

  it('names a missing limit header and one with another limit', () => {
    const problems = limitHeaderProblems(
      { 'x-ratelimit-limit-requests': '60' },
      { rpm: 100, budget_usd_per_day: 5 },
    );
    assert.deepEqual(problems, [
      'x-ratelimit-limit-requests is 60, not 100',
      'no x-ratelimit-limit-usd',
    ]);
  });

  it("keeps only an answer's x-ratelimit-* headers", () => {
    const res = new Response('{}', {
      headers: { 'x-ratelimit-limit-requests': '5', 'content-type': 'application/json' },
    });
    assert.deepEqual(rateLimitHeadersOf(res), { 'x-ratelimit-limit-requests': '5' });
  });
});

describe('targets table', () => {
  const run = {
    plan: { openStreams: 1000 },
    throughput: {
      direct: { rps: 20000 },
      floor: { rps: 10000 },
      gateway: { rps: 6000 },
      peer: { rps: 1000 },
    },
    latency: {
      serial: { direct: { p50: 100, p99: 200 }, gateway: { p50: 350, p99: 900 } },
      '1000/s': { direct: { p50: 200, p99: 700 }, gateway: { p50: 400, p99: 2300 } },
    },
    analytics: {
      rpsOn: 5900,
      rpsOff: 6000,
      latency1000On: { p50: 420 },
      latency1000Off: { p50: 400 },
    },
    keyLimits: { secret: { rps: 6000, errors: 0 }, key: { rps: 5700, errors: 0 } },
    streaming: {
      direct: { ttfb: { p50: 500 }, chunkDelay: { p99: 300 } },
      gateway: {
        ttfb: { p50: 800 },
        chunkDelay: { p99: 900 },
        incomplete: 0,
        errors: 0,
        streams: 10,
      },
    },
    memory: { gateway: { perStream: 20 * 1024, opened: 1000, rssIdle: 160 * 2 ** 20 } },
  };
  const byWhat = (rows, start) => rows.find((r) => r.what.startsWith(start));

  it('says met, or missed by how much, from the figures of the run', () => {
    const rows = targetRows(run);
    assert.equal(byWhat(rows, 'throughput ≥ 70 %').verdict, '**missed** (10.0 points short)');
    assert.equal(byWhat(rows, 'throughput ≥ 5×').verdict, 'met');
    assert.equal(byWhat(rows, 'added latency p50').verdict, 'met');
    assert.equal(byWhat(rows, 'added latency p50').measured, '250 µs');
    assert.equal(byWhat(rows, 'added latency p99').verdict, '**missed** (100 µs over)');
    assert.equal(
      byWhat(rows, 'analytics on costs').measured,
      '1.7 % (5,900 on vs 6,000 off req/s)',
    );
    assert.equal(byWhat(rows, 'a key with').verdict, 'met');
    assert.equal(byWhat(rows, 'streaming added chunk').verdict, 'met');
    assert.equal(byWhat(rows, '1,000 concurrent').measured, '20.0 KiB (1000 of 1000 streams open)');
    assert.equal(byWhat(rows, 'idle RSS').verdict, '**missed** (10.0 MiB over)');
  });

  it('says not measured for what the run lacks', () => {
    const row = byWhat(targetRows(run), 'OpenAI → Anthropic');
    assert.deepEqual(row, { what: row.what, measured: 'not measured', verdict: 'not measured' });
    assert.ok(targetRows({}).every((r) => r.verdict === 'not measured'));
  });

  it('calls a figure missed when its streams were incomplete, whatever its value', () => {
    const incomplete = structuredClone(run);
    incomplete.streaming.gateway.incomplete = 2;
    const row = byWhat(targetRows(incomplete), 'streaming added chunk');
    assert.equal(row.verdict, '**missed** (2 incomplete, 0 errors)');
  });
});

describe('workers report', () => {
  it('gives the 2-vs-1 ratio and says that wrk shares the cores', () => {
    const t = (rps) => ({ rps, runs: [rps], errors: 0, p50: 1000, p99: 5000, requestProcesses: 1 });
    const md = renderWorkers({
      mode: 'workers, full',
      startedAt: '2026-01-01T00:00:00.000Z',
      machine: {
        cpu: 'cpu',
        cores: 2,
        memoryGiB: 8,
        node: 'v20',
        loadavgBefore: [0],
        loadavgAfter: [0],
      },
      plan: { rounds: 3, seconds: 5, threads: 2, connections: 128 },
      redisUrl: 'redis://127.0.0.1:6379',
      workers: {
        direct: t(30000),
        floor: t(15000),
        'gateway-1': t(6000),
        'gateway-2': { ...t(9000), requestProcesses: 2 },
      },
      twoToOne: 1.5,
      leftovers: { killed: [], stillRunning: [] },
    });
    assert.match(md, /WORKERS=2 \/ WORKERS=1: 1\.50×/);
    assert.match(md, /share|same 2 cores/);
    assert.match(md, /had ended when it finished/);
  });
});

describe('fake upstream through the load clients', () => {
  let upstream;
  let origin;
  before(async () => {
    upstream = await startNode({
      name: 'upstream',
      script: fileURLToPath(new URL('../lib/fake-upstream.mjs', import.meta.url)),
      args: ['--port', '0'],
      ready: (p) => p.firstJsonLine(),
    });
    origin = `http://127.0.0.1:${upstream.ready.port}`;
  });
  after(() => upstream.stop());

  const openAi = (body) =>
    makeRequest({ origin, path: '/v1/chat/completions', headers: {}, body: JSON.stringify(body) });

  it('times every chunk of an OpenAI stream and counts complete streams', async () => {
    const req = openAi({
      model: 'm',
      stream: true,
      messages: [{ role: 'user', content: 'hi #chunks=5#cadence=1#' }],
    });
    const r = await streams(req, { seconds: 0.2, concurrency: 2, chunks: 5 });
    assert.ok(r.streams >= 2);
    assert.equal(r.errors, 0);
    assert.equal(r.incomplete, 0);
    assert.equal(r.delays.length, r.streams * 5);
    assert.equal(r.ttfb.length, r.streams);
    assert.ok(r.delays.every((d) => d >= 0));
  });

  it('times every chunk of an Anthropic stream', async () => {
    const req = makeRequest({
      origin,
      path: '/v1/messages',
      headers: {},
      body: JSON.stringify({
        model: 'm',
        max_tokens: 8,
        stream: true,
        messages: [{ role: 'user', content: 'hi #chunks=4#cadence=1#' }],
      }),
    });
    const r = await streams(req, { seconds: 0.1, concurrency: 1, chunks: 4 });
    assert.equal(r.incomplete, 0);
    assert.equal(r.delays.length, r.streams * 4);
  });

  it('sends exactly rate × seconds requests in open loop, all answered', async () => {
    const r = await openLoop(openAi({ model: 'm', messages: [] }), { rate: 200, seconds: 0.5 });
    assert.equal(r.sent, 100);
    assert.equal(r.completed, 100);
    assert.equal(r.errors, 0);
    assert.equal(r.latencies.length, 100);
  });

  it('counts non-200 answers as errors', async () => {
    const req = makeRequest({ origin, path: '/nowhere', headers: {}, body: '{}' });
    const r = await serial(req, { seconds: 0.05 });
    assert.ok(r.errors > 0);
    assert.equal(r.firstError, 'HTTP 404');
  });

  it('answers the probe with event-loop delay and memory', async () => {
    await upstream.ask('eld-reset');
    const stats = await upstream.ask('stats');
    assert.ok(stats.rss > 0);
    assert.equal(typeof stats.eld.p99, 'number');
  });
});

describe('profile summary', () => {
  it('ranks functions by self time inside the window and skips idle samples', () => {
    const frame = (functionName, url = '') => ({
      functionName,
      url,
      lineNumber: 0,
      columnNumber: 0,
    });
    const profile = {
      startTime: 1000,
      nodes: [
        { id: 1, callFrame: frame('(root)'), children: [2, 3, 4] },
        { id: 2, callFrame: frame('handle', 'file:///repo/apps/api/dist/modules/proxy/x.js') },
        { id: 3, callFrame: frame('parse', 'file:///repo/node_modules/undici/lib/a.js') },
        { id: 4, callFrame: frame('(idle)') },
      ],
      samples: [2, 2, 3, 4, 3],
      timeDeltas: [10, 10, 10, 10, 1000],
    };
    const md = summarizeProfile(profile, { fromUs: 1000, toUs: 1045, root: '/repo' });
    assert.match(md, /4 samples in the load window, 25\.0 % idle/);
    assert.match(md, /\| `apps\/api proxy` \| 66\.7 % \|/);
    assert.match(md, /\| `undici` \| 33\.3 % \|/);
  });
});

describe('stopping a target', () => {
  it('ends what the target started and left running', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-test-'));
    // A target that starts a grandchild of the bench which outlives it (as a cluster worker could).
    const script = join(dir, 'parent.cjs');
    writeFileSync(
      script,
      [
        "const { spawn } = require('node:child_process');",
        "const c = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });",
        'console.log(JSON.stringify({ child: c.pid }));',
        "process.on('SIGINT', () => process.exit(0));",
        'setInterval(() => {}, 1000);',
      ].join('\n'),
    );
    try {
      const parent = await startNode({ name: 'parent', script, ready: (p) => p.firstJsonLine() });
      const { child } = parent.ready;
      assert.deepEqual(descendants(parent.pid), [child]);
      const { leftovers } = await parent.stop(5000, 200);
      assert.deepEqual(leftovers, [child]);
      for (let i = 0; i < 50 && isAlive(child); i++) await new Promise((r) => setTimeout(r, 20));
      assert.equal(isAlive(child), false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('thread CPU', () => {
  it('names the main thread and groups the others by name', () => {
    const before = new Map([
      [String(process.pid), { name: 'node', ticks: 100 }],
      ['2', { name: 'worker', ticks: 10 }],
    ]);
    const afterTimes = new Map([
      [String(process.pid), { name: 'node', ticks: 150 }],
      ['2', { name: 'worker', ticks: 20 }],
      ['3', { name: 'worker', ticks: 10 }],
    ]);
    assert.deepEqual(threadShares(process.pid, before, afterTimes, 1), [
      { name: 'node (main thread)', coreShare: 0.5 },
      { name: 'worker', coreShare: 0.2 },
    ]);
  });

  it('reads this process from /proc', () => {
    const times = threadTimes(process.pid);
    assert.ok(times.has(String(process.pid)));
  });

  it("adds a process's user and system ticks, whatever its name holds", () => {
    // Fields 14 and 15 are 7 and 3; the name has a space and a parenthesis in it.
    const stat = '42 (node (x) y) S 1 42 42 0 -1 4194560 100 0 0 0 7 3 0 0 20 0 11 0 5 0';
    assert.equal(processTicks(stat), 10);
  });
});
