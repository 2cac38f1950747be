// The harness's own behaviour (never its figures): percentiles, per-chunk timing through the fake
// upstream in both formats, the profile summary, per-thread CPU.   cd bench && npm test
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { makeRequest, openLoop, serial, streams } from '../lib/load.mjs';
import { startNode } from '../lib/processes.mjs';
import { summarizeProfile } from '../lib/profile.mjs';
import { added, median, summarize } from '../lib/stats.mjs';
import { threadShares, threadTimes } from '../lib/threads.mjs';

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
});
