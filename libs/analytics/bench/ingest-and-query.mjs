// Ingest and query benchmark for @gateway/analytics on embedded chDB (run on the built lib).
//
//   npx nx run @gateway/analytics:build && node libs/analytics/bench/ingest-and-query.mjs
//
// Env: BENCH_EVENTS (default 10_000_000), BENCH_DAYS (30), BENCH_GATEWAYS (20), BENCH_QUERY_RUNS (7),
//      BENCH_DIR (default: a temp dir, removed afterwards unless BENCH_KEEP=1).
// Ingest goes through EventRecorder with its defaults (5,000-row batches, 1 s interval), as the API uses
// it; record() is throttled when more than 40,000 rows wait in memory.
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const { openAnalyticsStore, EventRecorder, AnalyticsQueries } = require('../dist/index.js');

const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000_000);
const DAYS = Number(process.env.BENCH_DAYS ?? 30);
const GATEWAYS = Number(process.env.BENCH_GATEWAYS ?? 20);
const RUNS = Number(process.env.BENCH_QUERY_RUNS ?? 7);
const dataDir = process.env.BENCH_DIR ?? mkdtempSync(join(tmpdir(), 'analytics-bench-'));

const MODELS = [
  ['gpt-4o', 'openai'],
  ['gpt-4o-mini', 'openai'],
  ['claude-sonnet-4', 'anthropic'],
  ['claude-haiku-4', 'anthropic'],
  ['gemini-2.5-pro', 'google'],
  ['gemini-2.5-flash', 'google'],
  ['llama-3.3-70b', 'groq'],
  ['mistral-large', 'mistral'],
];
const FORMATS = ['openai-chat', 'anthropic-messages', 'gemini', 'openai-responses'];
const DAY = 86_400_000;
const now = Date.now();
const start = now - DAYS * DAY;
const spacing = (DAYS * DAY) / EVENTS;

// Deterministic pseudo-random numbers (xorshift32).
let seed = 2463534242;
function rand() {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 4294967296;
}

function event(i) {
  // Gateway 0 gets ~1/3 of the traffic, the rest is spread evenly.
  const gw = rand() < 0.33 ? 0 : 1 + Math.floor(rand() * (GATEWAYS - 1));
  const [model, provider] = MODELS[Math.floor(rand() * MODELS.length)];
  const r = rand();
  const status = r < 0.02 ? 500 : r < 0.04 ? 429 : 200;
  const stream = rand() < 0.6;
  const tokensIn = 200 + Math.floor(rand() * 4000);
  const tokensOut = 20 + Math.floor(rand() * 800);
  return {
    timestamp: Math.floor(start + i * spacing),
    requestId: `bench-${i}`,
    gatewayId: `gw-${gw}`,
    keyId: `key-${gw}-${Math.floor(rand() * 5)}`,
    userId: null,
    endpoint: '/v1/chat/completions',
    operation: 'chat',
    clientFormat: FORMATS[i % 4],
    provider,
    requestedModel: model,
    upstreamModel: model,
    stream,
    status,
    errorType: status >= 400 ? 'upstream_error' : null,
    errorMessage: status >= 400 ? 'upstream returned an error' : null,
    tokensIn,
    tokensOut,
    tokensCached: rand() < 0.3 ? Math.floor(tokensIn / 2) : 0,
    tokensReasoning: 0,
    costUsd: (tokensIn * 2.5 + tokensOut * 10) / 1e6,
    latencyMs: 150 + Math.floor(rand() * rand() * 8000),
    ttftMs: stream ? 80 + Math.floor(rand() * 900) : null,
    upstreamLatencyMs: 140 + Math.floor(rand() * 7000),
    attempts: 1,
  };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

async function time(label, fn) {
  const samples = [];
  let result;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    result = await fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  const row = {
    query: label,
    median_ms: +percentile(samples, 0.5).toFixed(1),
    max_ms: +samples[samples.length - 1].toFixed(1),
    first_ms: undefined,
  };
  return { row, result, samples };
}

async function main() {
  console.log(
    `analytics bench: ${EVENTS.toLocaleString()} events over ${DAYS} days, ${GATEWAYS} gateways, chDB at ${dataDir}`,
  );
  const store = await openAnalyticsStore({ dataDir, retentionDays: 90 });
  const errors = [];
  const recorder = new EventRecorder(store, {
    spoolDir: join(dataDir, 'spool'),
    onError: (e) => errors.push(e),
  });

  const t0 = performance.now();
  let recordMs = 0;
  let lastReport = t0;
  for (let i = 0; i < EVENTS; i++) {
    const ev = event(i);
    const r0 = performance.now();
    recorder.record(ev);
    recordMs += performance.now() - r0;
    if ((i & 4095) === 0) {
      // Stay under the default memory bound (50,000 rows) so the run measures inserts, not the spool.
      while (recorder.stats().buffered > 40_000) await sleep(5);
      if (performance.now() - lastReport > 10_000) {
        lastReport = performance.now();
        const s = recorder.stats();
        console.log(
          `  ${i.toLocaleString()} recorded, ${s.written.toLocaleString()} written, ${((s.written / (lastReport - t0)) * 1000).toFixed(0)} ev/s`,
        );
      }
    }
  }
  await recorder.close();
  const ingestMs = performance.now() - t0;
  if (errors.length) throw errors[0];
  const stats = recorder.stats();
  const [{ n }] = await store.query('SELECT count() AS n FROM requests', {});
  console.log(
    `ingest: ${Number(n).toLocaleString()} rows in ${(ingestMs / 1000).toFixed(1)} s = ${Math.round((EVENTS / ingestMs) * 1000).toLocaleString()} events/s ` +
      `(record() mean ${((recordMs / EVENTS) * 1000).toFixed(2)} µs; written ${stats.written}, spooled ${stats.spooledBatches})`,
  );

  const q = new AnalyticsQueries(store);
  const to = new Date(now);
  const from30 = new Date(now - DAYS * DAY);
  const results = [];
  for (const [label, fn] of [
    [`gatewaySummary gw-0 ${DAYS}d (no logs)`, () => q.gatewaySummary('gw-0', DAYS, false)],
    [`gatewaySummary gw-0 ${DAYS}d + 100 logs`, () => q.gatewaySummary('gw-0', DAYS, true)],
    [`gatewaySummary gw-7 ${DAYS}d (no logs)`, () => q.gatewaySummary('gw-7', DAYS, false)],
    [
      `timeseries gw-0 ${DAYS}d hour (rollup)`,
      () => q.timeseries('gw-0', { from: from30, to, granularity: 'hour' }),
    ],
    [
      `timeseries gw-0 ${DAYS}d day (rollup)`,
      () => q.timeseries('gw-0', { from: from30, to, granularity: 'day' }),
    ],
    [
      'timeseries gw-0 24h minute (raw)',
      () => q.timeseries('gw-0', { from: new Date(now - DAY), to, granularity: 'minute' }),
    ],
    [
      `breakdown gw-0 ${DAYS}d by model (raw)`,
      () => q.breakdown('gw-0', { by: 'model', from: from30, to }),
    ],
    ['logs gw-0 first page (50)', () => q.logs('gw-0', { limit: 50 })],
    ['logs gw-0 errors, page 1', () => q.logs('gw-0', { status: 'error', limit: 50 })],
  ]) {
    const { row } = await time(label, fn);
    results.push(row);
  }
  console.table(results.map(({ query, median_ms, max_ms }) => ({ query, median_ms, max_ms })));
  await store.close();
  if (!process.env.BENCH_DIR && process.env.BENCH_KEEP !== '1')
    rmSync(dataDir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
