#!/usr/bin/env node
// node bench/aborts.mjs [--rounds 8] [--concurrency 300] [--abort-ratio 0.5] [--chunks 150]
//                       [--cadence 20] [--snapshots DIR] [--no-analytics] [--verbose]
//
// Memory under aborted streams: starts the built gateway (apps/api/dist, `--expose-gc`) and the bench's
// fake upstream, then runs bounded rounds of `concurrency` simultaneous streaming requests (OpenAI Chat
// client; half to an OpenAI upstream, passed through, half to an Anthropic upstream, converted), of
// which `abort-ratio` hang up mid-stream. After each round it waits for the gateway to settle and
// prints its memory after a full GC (heapUsed, external, arrayBuffers, RSS), its live handles, the
// providers' in-flight concurrency slots, and the upstream streams the gateway left open. Everything
// runs on 127.0.0.1. --no-analytics turns EventRecorder.record() into a no-op (through the probe), to
// tell the embedded chDB's share of RSS from the proxy's. DATABASE_URL is used when set, else the gateway starts its embedded Postgres.
// Extra environment for the gateway (e.g. MALLOC_ARENA_MAX=2) is passed through as GATEWAY_ENV_*:
//   GATEWAY_ENV_MALLOC_ARENA_MAX=2 node bench/aborts.mjs
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { request, Agent } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { startNode, waitFor } from './lib/processes.mjs';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const GATEWAY_ENTRY = join(ROOT, 'apps/api/dist/main.js');

const argv = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i === -1 ? fallback : argv[i + 1];
};
const ROUNDS = Math.min(10, Number(arg('rounds', 8)));
const CONCURRENCY = Math.min(1000, Number(arg('concurrency', 300)));
const ABORT_RATIO = Number(arg('abort-ratio', 0.5));
const CHUNKS = Number(arg('chunks', 150));
const CADENCE_MS = Number(arg('cadence', 20));
const SNAPSHOTS = arg('snapshots', undefined);
const verbose = argv.includes('--verbose');
const STREAM_MS = CHUNKS * CADENCE_MS;

const t0 = Date.now();
const log = (...a) =>
  console.error(`[${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s]`, ...a);

function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

async function http(method, url, { headers = {}, body } = {}) {
  const res = await fetch(url, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url} → ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

// A fresh connection per request, as a client that gives up closes its socket.
const agent = new Agent({ keepAlive: false, maxSockets: Infinity });

/**
 * One streaming request. `abortAfterMs` (when set) destroys the socket that long after the first
 * body byte, mid-stream. Resolves with how it ended; never rejects.
 */
function streamOnce(origin, headers, body, abortAfterMs) {
  return new Promise((done) => {
    const url = new URL('/v1/chat/completions', origin);
    let bytes = 0;
    let timer;
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', ...headers },
      },
      (res) => {
        res.on('data', (c) => {
          if (bytes === 0 && abortAfterMs !== undefined) {
            timer = setTimeout(() => {
              req.destroy();
              done({ outcome: 'aborted', status: res.statusCode, bytes });
            }, abortAfterMs);
          }
          bytes += c.length;
        });
        res.on('end', () => {
          clearTimeout(timer);
          const complete = res.statusCode === 200 && bytes > 0;
          done({ outcome: complete ? 'complete' : 'error', status: res.statusCode, bytes });
        });
        res.on('error', () => {});
      },
    );
    req.on('error', () => done({ outcome: abortAfterMs !== undefined ? 'aborted' : 'error' }));
    req.end(body);
  });
}

const chatBody = (model) =>
  JSON.stringify({
    model,
    stream: true,
    messages: [{ role: 'user', content: `Hello #chunks=${CHUNKS}#cadence=${CADENCE_MS}#` }],
  });

function mb(n) {
  return (n / 1048576).toFixed(1);
}

async function main() {
  if (!existsSync(GATEWAY_ENTRY)) {
    console.error('Build the API first: npx nx run api:build');
    process.exit(1);
  }
  const tmpDir = mkdtempSync(join(tmpdir(), 'gateway-aborts-'));
  chmodSync(tmpDir, 0o755);
  const procs = [];
  const extraEnv = Object.fromEntries(
    Object.entries(process.env)
      .filter(([k]) => k.startsWith('GATEWAY_ENV_'))
      .map(([k, v]) => [k.slice('GATEWAY_ENV_'.length), v]),
  );
  try {
    const upstream = await startNode({
      name: 'upstream',
      script: join(ROOT, 'bench/lib/fake-upstream.mjs'),
      args: ['--port', '0'],
      ready: (p) => p.firstJsonLine(),
      log: verbose ? log : undefined,
    });
    procs.push(upstream);
    const upOrigin = `http://127.0.0.1:${upstream.ready.port}`;
    const gwPort = await freePort();
    const gwOrigin = `http://127.0.0.1:${gwPort}`;
    const gateway = await startNode({
      name: 'gateway',
      script: GATEWAY_ENTRY,
      nodeArgs: ['--expose-gc'],
      env: {
        NODE_ENV: 'production',
        PORT: String(gwPort),
        HOST: '127.0.0.1',
        DATA_DIR: join(tmpDir, 'gateway-data'),
        EMBEDDED_POSTGRES_PORT: String(await freePort()),
        LOG_LEVEL: 'warn',
        OPENAI_API_KEY: 'x',
        OPENAI_BASE_URL: `${upOrigin}/v1`,
        ANTHROPIC_API_KEY: 'x',
        ANTHROPIC_BASE_URL: upOrigin,
        ...extraEnv,
      },
      ready: () =>
        waitFor(
          () =>
            fetch(`${gwOrigin}/health`).then(
              (r) => r.ok,
              () => false,
            ),
          120_000,
          'the gateway /health',
        ),
      log: verbose ? log : undefined,
    });
    procs.push(gateway);
    log(
      `gateway pid ${gateway.pid}${Object.keys(extraEnv).length ? ` env ${JSON.stringify(extraEnv)}` : ''}`,
    );
    const user = await http('POST', `${gwOrigin}/auth/join`);
    const userHeaders = { 'x-user-id': user.id };
    const gw = await http('POST', `${gwOrigin}/gateway/create`, {
      headers: userHeaders,
      body: { name: 'aborts' },
    });
    const auth = { authorization: `Bearer ${gw.secret}` };
    const inFlight = async () => {
      const { providers: rows } = await http(
        'GET',
        `${gwOrigin}/gateway/${gw.gateway_id}/providers/health`,
        {
          headers: userHeaders,
        },
      );
      return rows.reduce((n, r) => n + r.concurrency.in_flight + r.concurrency.queued, 0);
    };
    const upstreamStreams = () => http('GET', `${upOrigin}/_streams`);
    const bodies = [chatBody('gpt-4o-mini'), chatBody('claude-sonnet-4-5')];

    const round = async (n, concurrency) => {
      const before = await upstreamStreams();
      const started = Date.now();
      const jobs = [];
      for (let i = 0; i < concurrency; i++) {
        const abort = i % Math.round(1 / ABORT_RATIO) === 0;
        // Aborts spread over the first 80 % of the stream.
        const after = abort ? Math.floor((((i * 7919) % 80) / 100) * STREAM_MS) + 5 : undefined;
        jobs.push(streamOnce(gwOrigin, auth, bodies[Math.floor(i / 2) % 2], after));
      }
      // Past the last abort but before the streams end: the upstream should have only the others open.
      await sleep(STREAM_MS * 0.9);
      const mid = await upstreamStreams();
      const results = await Promise.all(jobs);
      const count = (o) => results.filter((r) => r.outcome === o).length;
      // Settle: the gateway records, releases its slots, closes the upstream connections.
      await sleep(1500);
      let slots = await inFlight();
      for (let i = 0; i < 20 && slots > 0; i++) {
        await sleep(500);
        slots = await inFlight();
      }
      const after = await upstreamStreams();
      const mem = await gateway.ask('memory');
      const row = {
        round: n,
        complete: count('complete'),
        aborted: count('aborted'),
        errors: count('error'),
        seconds: ((Date.now() - started) / 1000).toFixed(1),
        upstreamOpenMid: mid.open,
        upstreamClosedEarly: after.closedEarly - before.closedEarly,
        upstreamOpenAfter: after.open,
        inFlight: slots,
        heapUsed: mb(mem.heapUsed),
        heapTotal: mb(mem.heapTotal),
        external: mb(mem.external),
        arrayBuffers: mb(mem.arrayBuffers),
        rss: mb(mem.rss),
        handles: Object.values(mem.handles).reduce((a, b) => a + b, 0),
      };
      log(JSON.stringify(row));
      if (verbose) log(JSON.stringify({ handles: mem.handles, resources: mem.resources }));
      return row;
    };

    if (argv.includes('--no-analytics')) await gateway.ask('analytics', { on: false });
    // Warm-up: JIT, connection pools, chDB's first inserts.
    await round(0, 40);
    const base = await gateway.ask('memory');
    log(
      `baseline after warm-up: heapUsed ${mb(base.heapUsed)} MB, external ${mb(base.external)} MB, rss ${mb(base.rss)} MB`,
    );
    if (SNAPSHOTS) {
      mkdirSync(SNAPSHOTS, { recursive: true });
      await gateway.ask('heap-snapshot', { path: join(SNAPSHOTS, 'round-0.heapsnapshot') });
    }
    const rows = [];
    const died = gateway.exited.then(({ code, signal }) => {
      throw new Error(
        `the gateway exited (code ${code}, signal ${signal}):\n${gateway.lines.slice(-30).join('\n')}`,
      );
    });
    died.catch(() => undefined);
    for (let n = 1; n <= ROUNDS; n++) {
      rows.push(await Promise.race([round(n, CONCURRENCY), died]));
      if (SNAPSHOTS && (n === 1 || n === ROUNDS)) {
        await gateway.ask('heap-snapshot', { path: join(SNAPSHOTS, `round-${n}.heapsnapshot`) });
      }
    }
    console.log(
      '| round | complete | aborted | errors | upstream open at 90 % | upstream closed early | in-flight slots after | heapUsed MB (after GC) | external MB | arrayBuffers MB | RSS MB | handles |',
    );
    console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const r of rows) {
      console.log(
        `| ${r.round} | ${r.complete} | ${r.aborted} | ${r.errors} | ${r.upstreamOpenMid} | ${r.upstreamClosedEarly} | ${r.inFlight} | ${r.heapUsed} | ${r.external} | ${r.arrayBuffers} | ${r.rss} | ${r.handles} |`,
      );
    }
  } finally {
    await Promise.all(procs.reverse().map((p) => p.stop().catch(() => undefined)));
    rmSync(tmpDir, { recursive: true, force: true });
  }
}

await main();
