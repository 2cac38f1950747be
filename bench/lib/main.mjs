// The bench itself (bench/run.mjs checks the tools and installs what is missing, then imports this).
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { makeRequest, openLoop, openStreams, serial, streams, wrk } from './load.mjs';
import { startNode, waitFor } from './processes.mjs';
import { summarizeProfile } from './profile.mjs';
import { threadShares, threadTimes } from './threads.mjs';
import { renderMarkdown } from './report.mjs';
import { added, median, summarize, summarizeWrk } from './stats.mjs';
import {
  createGatewaySecret,
  createKey,
  freePort,
  http,
  limitHeaderProblems,
  rateLimitHeadersOf,
  startGateway,
  UNREACHABLE_LIMITS,
} from './targets.mjs';
import { workersMain } from './workers.mjs';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const BENCH = join(ROOT, 'bench');
const PEER_ENTRY = join(BENCH, 'node_modules/@portkey-ai/gateway/build/start-server.js');

const PLANS = {
  quick: {
    rounds: 1,
    slice: 1.5,
    warmup: 1,
    wrkSeconds: 2,
    streamSeconds: 1.5,
    streamConcurrency: 4,
    openStreams: 1000,
    eventsSeconds: 1,
    conversionSeconds: 1,
  },
  full: {
    rounds: 3,
    slice: 5,
    warmup: 3,
    wrkSeconds: 8,
    streamSeconds: 5,
    streamConcurrency: 8,
    openStreams: 1000,
    eventsSeconds: 10,
    conversionSeconds: 5,
  },
};
const RATES = [500, 1000, 2000];
const STREAM_CHUNKS = 100;
const STREAM_CADENCE_MS = 2;

const t0 = Date.now();
const log = (...a) =>
  console.error(`[${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s]`, ...a);
const verbose = process.argv.includes('--verbose');

function pinSelf(cpu) {
  if (cpu === undefined) return;
  execFileSync('taskset', ['-p', '-c', String(cpu), String(process.pid)], { stdio: 'ignore' });
}

const chatBody = (model, extra = {}, content = 'Hello') =>
  JSON.stringify({ model, ...extra, messages: [{ role: 'user', content }] });
const messagesBody = (model, extra = {}, content = 'Hello') =>
  JSON.stringify({ model, max_tokens: 256, ...extra, messages: [{ role: 'user', content }] });
const shape = (chunks, cadence) => `Hello #chunks=${chunks}#cadence=${cadence}#`;

/** Rotates the order every round so no target always runs first (or right after a given one). */
function rotated(list, round) {
  const k = round % list.length;
  return [...list.slice(k), ...list.slice(0, k)];
}

export async function main(argv) {
  // `--workers` is a comparison of its own (nothing pinned, other processes), not a part of the run.
  if (argv.includes('--workers')) return workersMain(argv);
  const mode = argv.includes('--quick') ? 'quick' : 'full';
  const plan = PLANS[mode];
  const profileOnly = ['--profile', '--profile-key', '--profile-convert'].some((a) =>
    argv.includes(a),
  );
  const outDir = join(ROOT, 'bench-results');
  mkdirSync(outDir, { recursive: true });
  const tmpDir = mkdtempSync(join(tmpdir(), 'gateway-bench-'));
  // As root, embedded Postgres runs as its own unprivileged user, which must reach DATA_DIR.
  chmodSync(tmpDir, 0o755);
  const cpuList = (process.env.BENCH_CPUS ?? '0,1').split(',').map(Number);
  const pinned = cpus().length >= 2 && process.env.BENCH_NO_PIN !== '1';
  const targetCpu = pinned ? cpuList[0] : undefined;
  const loadCpu = pinned ? cpuList[1] : undefined;
  pinSelf(loadCpu);
  const started = new Date();
  const load0 = loadavg();
  const procs = [];
  const lineLog = verbose ? log : undefined;
  // Ctrl-C reaches the targets too (same process group); wait for them, then clean up.
  const interrupted = (signal) => {
    log(`${signal}: stopping the targets`);
    Promise.all(procs.map((p) => p.stop().catch(() => undefined))).finally(() => {
      rmSync(tmpDir, { recursive: true, force: true });
      process.exit(130);
    });
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);

  try {
    log(
      `bench (${mode}${profileOnly ? ', profile' : ''}): starting processes (targets on cpu ${targetCpu ?? 'any'}, load + fake upstream on cpu ${loadCpu ?? 'any'})`,
    );
    const upstream = await startNode({
      name: 'upstream',
      script: join(BENCH, 'lib/fake-upstream.mjs'),
      args: ['--port', '0'],
      cpu: loadCpu,
      ready: (p) => p.firstJsonLine(),
      log: lineLog,
    });
    procs.push(upstream);
    const upPort = upstream.ready.port;
    const upOrigin = `http://127.0.0.1:${upPort}`;

    const profileDir = join(outDir, 'profile');
    const gateway = await startGateway({
      dataDir: join(tmpDir, 'gateway-data'),
      upOrigin,
      nodeArgs: profileOnly ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
      cpu: targetCpu,
      log: lineLog,
    });
    procs.push(gateway);
    const gwOrigin = gateway.origin;
    // The analytics process (chDB, journal, inserts) belongs off the request process's core: on the
    // load core, as on a machine where the OS spreads them (it inherited the gateway's pinning).
    const analyticsProc = await gateway.ask('analytics-process');
    if (analyticsProc && loadCpu !== undefined) {
      execFileSync('taskset', ['-a', '-p', '-c', String(loadCpu), String(analyticsProc.pid)], {
        stdio: 'ignore',
      });
    }
    const { gw, userHeaders, auth } = await createGatewaySecret(gwOrigin);

    const T = {
      direct: makeRequest({
        origin: upOrigin,
        path: '/v1/chat/completions',
        headers: { authorization: 'Bearer x' },
      }),
      gateway: makeRequest({ origin: gwOrigin, path: '/v1/chat/completions', headers: auth }),
    };
    const json = (req, body) => ({ ...req, body });
    const jsonBody = chatBody('gpt-4o-mini');
    const streamBody = chatBody(
      'gpt-4o-mini',
      { stream: true },
      shape(STREAM_CHUNKS, STREAM_CADENCE_MS),
    );

    if (profileOnly) {
      // --profile-key: the request made with a key whose limits are all counted (none reached).
      // --profile-convert: an OpenAI Chat body to an Anthropic model (converted both ways).
      let profiled = T.gateway;
      let body = jsonBody;
      if (argv.includes('--profile-convert')) body = chatBody('claude-sonnet-4-5');
      if (argv.includes('--profile-key')) {
        const key = await createKey(gwOrigin, gw.gateway_id, userHeaders, UNREACHABLE_LIMITS);
        profiled = makeRequest({
          origin: gwOrigin,
          path: '/v1/chat/completions',
          headers: { authorization: `Bearer ${key.key}` },
        });
        await checkKeyAnswers(json(profiled, jsonBody), UNREACHABLE_LIMITS);
      }
      return await profileRun({
        gateway,
        req: json(profiled, body),
        plan,
        tmpDir,
        loadCpu,
        profileDir,
        outDir,
        streamReq: json(T.gateway, streamBody),
      });
    }

    const floor = await startNode({
      name: 'floor',
      script: join(BENCH, 'lib/min-proxy.mjs'),
      args: ['--port', '0', '--upstream', upOrigin],
      cpu: targetCpu,
      ready: (p) => p.firstJsonLine(),
      log: lineLog,
    });
    procs.push(floor);
    const peerPort = await freePort();
    const peerOrigin = `http://127.0.0.1:${peerPort}`;
    const peer = await startNode({
      name: 'peer',
      script: PEER_ENTRY,
      args: [`--port=${peerPort}`, '--headless'],
      cpu: targetCpu,
      env: { NODE_ENV: 'production' },
      ready: () =>
        waitFor(
          () =>
            fetch(`${peerOrigin}/`).then(
              () => true,
              () => false,
            ),
          60_000,
          'the peer gateway',
        ),
      log: lineLog,
    });
    procs.push(peer);

    T.floor = makeRequest({
      origin: floor.ready ? `http://127.0.0.1:${floor.ready.port}` : '',
      path: '/v1/chat/completions',
      headers: { authorization: 'Bearer x' },
    });
    T.peer = makeRequest({
      origin: peerOrigin,
      path: '/v1/chat/completions',
      headers: {
        authorization: 'Bearer x',
        'x-portkey-provider': 'openai',
        'x-portkey-custom-host': `${upOrigin}/v1`,
      },
    });
    const proc = { direct: upstream, 'direct-b': upstream, floor, gateway, peer };
    const servers = ['floor', 'gateway', 'peer'];
    const targets = ['direct', 'floor', 'gateway', 'peer'];

    const result = {
      mode,
      startedAt: started.toISOString(),
      machine: {
        cpu: cpus()[0]?.model,
        cores: cpus().length,
        memoryGiB: Math.round(totalmem() / 2 ** 30),
        node: process.version,
        loadavgBefore: load0.map((x) => Number(x.toFixed(2))),
        pinned: pinned ? { targets: targetCpu, loadAndUpstream: loadCpu } : null,
      },
      plan,
      memory: {},
    };
    for (const name of servers) {
      const boot = await proc[name].ask('stats');
      result.memory[name] = { rssBoot: boot.rss, heapBoot: boot.heapUsed };
    }

    // Sanity: every target answers 200 with a body before anything is timed.
    for (const name of targets) {
      const r = await serial(json(T[name], jsonBody), { seconds: 0.05 });
      if (r.errors) throw new Error(`${name} does not answer: ${r.firstError}`);
    }

    log(`warm-up (${plan.warmup} s per target)`);
    for (const name of targets) {
      await wrk(json(T[name], jsonBody), {
        seconds: plan.warmup,
        connections: 16,
        cpu: loadCpu,
        tmpDir,
        name,
      });
      await streams(json(T[name], streamBody), {
        seconds: 0.5,
        concurrency: 4,
        chunks: STREAM_CHUNKS,
      });
    }

    // (a) latency: one at a time, then fixed rates; targets alternate within every round.
    log('latency: one request at a time and at fixed rates');
    const latencyTargets = ['direct', 'direct-b', 'floor', 'gateway', 'peer'];
    const reqFor = (name) => json(T[name === 'direct-b' ? 'direct' : name], jsonBody);
    result.latency = {};
    result.eventLoop = {};
    for (const scenario of ['serial', ...RATES]) {
      const samples = Object.fromEntries(
        latencyTargets.map((t) => [
          t,
          { lat: [], errors: 0, sent: 0, firstError: undefined, eld: [] },
        ]),
      );
      for (let round = 0; round < plan.rounds; round++) {
        for (const name of rotated(latencyTargets, round)) {
          const s = samples[name];
          if (scenario === 1000) await proc[name].ask('eld-reset');
          const r =
            scenario === 'serial'
              ? await serial(reqFor(name), { seconds: plan.slice })
              : await openLoop(reqFor(name), { rate: scenario, seconds: plan.slice });
          if (scenario === 1000) s.eld.push((await proc[name].ask('stats')).eld);
          s.lat.push(...r.latencies);
          s.errors += r.errors;
          s.sent += r.sent;
          s.firstError ??= r.firstError;
        }
      }
      const key = scenario === 'serial' ? 'serial' : `${scenario}/s`;
      result.latency[key] = {};
      for (const name of latencyTargets) {
        const s = samples[name];
        result.latency[key][name] = {
          ...summarize(s.lat),
          sent: s.sent,
          errors: s.errors,
          firstError: s.firstError,
        };
        if (scenario === 1000 && name !== 'direct-b') {
          // The worst round: a p99 is only as good as its noisiest slice.
          result.eventLoop[name] = s.eld.reduce((a, b) => (b.p99 > a.p99 ? b : a));
        }
      }
      log(
        `  ${key}: ` +
          latencyTargets.map((n) => `${n} p50 ${result.latency[key][n].p50} µs`).join(', '),
      );
    }

    // (b) maximum throughput, 64 connections, wrk; alternating rounds, median kept.
    log('throughput: wrk, 64 connections');
    result.throughput = await wrkRounds(
      Object.fromEntries(targets.map((name) => [name, json(T[name], jsonBody)])),
      { rounds: plan.rounds, seconds: plan.wrkSeconds, cpu: loadCpu, tmpDir },
    );
    log('  ' + targets.map((n) => `${n} ${result.throughput[n].rps} req/s`).join(', '));

    // (b2) a key with rate limits and a budget, every one far out of reach: each request is counted
    // against them all (and its input tokenized for tpm) but none refused. Against the plain secret,
    // which no limit applies to, in the same process.
    log('key with limits: wrk, 64 connections, secret vs key');
    const key = await createKey(gwOrigin, gw.gateway_id, userHeaders, UNREACHABLE_LIMITS);
    const keyReq = makeRequest({
      origin: gwOrigin,
      path: '/v1/chat/completions',
      headers: { authorization: `Bearer ${key.key}` },
    });
    const keyHeaders = await checkKeyAnswers(json(keyReq, jsonBody), UNREACHABLE_LIMITS);
    const keyRuns = await wrkRounds(
      { secret: json(T.gateway, jsonBody), key: json(keyReq, jsonBody) },
      { rounds: plan.rounds, seconds: plan.wrkSeconds, cpu: loadCpu, tmpDir },
    );
    result.keyLimits = {
      limits: UNREACHABLE_LIMITS,
      // Without REDIS_URL the gateway keeps its counters in memory (one process needs nothing else).
      counters: process.env.REDIS_URL ? 'redis' : 'memory',
      headers: keyHeaders,
      ...keyRuns,
    };
    log(`  secret ${keyRuns.secret.rps} req/s, key ${keyRuns.key.rps} req/s`);

    // (c) streaming: 100-chunk streams, one chunk every 2 ms.
    log(`streaming: ${STREAM_CHUNKS}-chunk streams, ${plan.streamConcurrency} at a time`);
    const st = Object.fromEntries(
      targets.map((t) => [t, { ttfb: [], delays: [], streams: 0, errors: 0, incomplete: 0 }]),
    );
    for (let round = 0; round < plan.rounds; round++) {
      for (const name of rotated(targets, round)) {
        const r = await streams(json(T[name], streamBody), {
          seconds: plan.streamSeconds,
          concurrency: plan.streamConcurrency,
          chunks: STREAM_CHUNKS,
        });
        const s = st[name];
        s.ttfb.push(...r.ttfb);
        s.delays.push(...r.delays);
        s.streams += r.streams;
        s.errors += r.errors;
        s.incomplete += r.incomplete;
        s.firstError ??= r.firstError;
      }
    }
    result.streaming = { chunks: STREAM_CHUNKS, cadenceMs: STREAM_CADENCE_MS };
    for (const name of targets) {
      const s = st[name];
      result.streaming[name] = {
        ttfb: summarize(s.ttfb),
        chunkDelay: summarize(s.delays),
        streams: s.streams,
        errors: s.errors,
        incomplete: s.incomplete,
        firstError: s.firstError,
      };
    }

    // (d) conversion: OpenAI client → Anthropic upstream and Anthropic client → OpenAI upstream.
    log('conversion paths');
    const anthropicHeaders = { 'x-api-key': gw.secret, 'anthropic-version': '2023-06-01' };
    const conv = {
      'openai-client→anthropic-upstream': {
        direct: makeRequest({
          origin: upOrigin,
          path: '/v1/messages',
          headers: { 'x-api-key': 'x', 'anthropic-version': '2023-06-01' },
        }),
        directBody: messagesBody('claude-sonnet-4-5'),
        directStream: messagesBody(
          'claude-sonnet-4-5',
          { stream: true },
          shape(STREAM_CHUNKS, STREAM_CADENCE_MS),
        ),
        gateway: makeRequest({ origin: gwOrigin, path: '/v1/chat/completions', headers: auth }),
        gatewayBody: chatBody('claude-sonnet-4-5'),
        gatewayStream: chatBody(
          'claude-sonnet-4-5',
          { stream: true },
          shape(STREAM_CHUNKS, STREAM_CADENCE_MS),
        ),
        // The peer converts this direction too (its Anthropic provider behind a custom host).
        peer: makeRequest({
          origin: peerOrigin,
          path: '/v1/chat/completions',
          headers: {
            authorization: 'Bearer x',
            'x-portkey-provider': 'anthropic',
            'x-portkey-custom-host': `${upOrigin}/v1`,
          },
        }),
        peerBody: chatBody('claude-sonnet-4-5', { max_tokens: 256 }),
        peerStream: chatBody(
          'claude-sonnet-4-5',
          { stream: true, max_tokens: 256 },
          shape(STREAM_CHUNKS, STREAM_CADENCE_MS),
        ),
      },
      'anthropic-client→openai-upstream': {
        direct: T.direct,
        directBody: jsonBody,
        directStream: streamBody,
        gateway: makeRequest({ origin: gwOrigin, path: '/v1/messages', headers: anthropicHeaders }),
        gatewayBody: messagesBody('gpt-4o-mini'),
        gatewayStream: messagesBody(
          'gpt-4o-mini',
          { stream: true },
          shape(STREAM_CHUNKS, STREAM_CADENCE_MS),
        ),
      },
    };
    // The same OpenAI client at full speed: converting to Anthropic against staying in OpenAI's format.
    const convTp = await wrkRounds(
      {
        same: json(T.gateway, jsonBody),
        converted: json(T.gateway, chatBody('claude-sonnet-4-5')),
      },
      { rounds: plan.rounds, seconds: plan.wrkSeconds, cpu: loadCpu, tmpDir },
    );
    result.conversionThroughput = convTp;
    log(`  same format ${convTp.same.rps} req/s, converted ${convTp.converted.rps} req/s`);
    result.conversion = {};
    for (const [path, c] of Object.entries(conv)) {
      const sides = ['direct', 'gateway', ...(c.peer ? ['peer'] : [])];
      const acc = Object.fromEntries(
        sides.map((side) => [
          side,
          { lat: [], errors: 0, ttfb: [], delays: [], incomplete: 0, streamErrors: 0 },
        ]),
      );
      for (let round = 0; round < plan.rounds; round++) {
        for (const side of rotated(sides, round)) {
          const a = acc[side];
          const r = await openLoop(json(c[side], c[`${side}Body`]), {
            rate: 1000,
            seconds: plan.conversionSeconds,
          });
          a.lat.push(...r.latencies);
          a.errors += r.errors;
          a.firstError ??= r.firstError;
          const st = await streams(json(c[side], c[`${side}Stream`]), {
            seconds: plan.conversionSeconds,
            concurrency: plan.streamConcurrency,
            chunks: STREAM_CHUNKS,
          });
          a.ttfb.push(...st.ttfb);
          a.delays.push(...st.delays);
          a.incomplete += st.incomplete;
          a.streamErrors += st.errors;
          a.firstError ??= st.firstError;
        }
      }
      result.conversion[path] = {};
      for (const side of sides) {
        const a = acc[side];
        result.conversion[path][side] = {
          latency1000: { ...summarize(a.lat), errors: a.errors },
          ttfb: summarize(a.ttfb),
          chunkDelay: summarize(a.delays),
          incomplete: a.incomplete,
          streamErrors: a.streamErrors,
          firstError: a.firstError,
        };
      }
    }

    // (e) memory: idle, then with 1,000 streams open at once (40 chunks, one every 250 ms: 10 s each).
    log(`memory: idle and with ${plan.openStreams} open streams`);
    const slowBody = chatBody('gpt-4o-mini', { stream: true }, shape(40, 250));
    // Idle means idle: 25 s without a request (the gateway gives memory back after a quiet 10 s
    // interval; a process measured right after a load still holds that load's garbage).
    await sleep(plan.idleMs ?? 25_000);
    for (const name of servers) {
      await sleep(500);
      const idleStats = await proc[name].ask('stats');
      const idle = idleStats.rss;
      const open = await openStreams(json(T[name], slowBody), {
        count: plan.openStreams,
        timeoutMs: 20_000,
      });
      let peak = 0;
      for (let i = 0; i < 3; i++) {
        peak = Math.max(peak, (await proc[name].ask('stats')).rss);
        await sleep(300);
      }
      const opened = open.started;
      await open.release();
      const analyticsIdle = name === 'gateway' ? await proc[name].ask('analytics-process') : null;
      result.memory[name] = {
        ...result.memory[name],
        rssIdle: idle,
        rssIdleAnalytics: analyticsIdle?.rss ?? null,
        heapIdle: idleStats.heapUsed,
        rssOpen: peak,
        opened,
        failed: open.failed,
        firstError: open.firstError,
        perStream: opened ? Math.round((peak - idle) / opened) : null,
      };
    }
    await sleep(1000);

    // (g) analytics: throughput with EventRecorder.record() on and off (the probe swaps it), and
    // recorded events against requests sent on a fresh gateway.
    log('analytics: throughput on/off, events recorded');
    const an = { on: [], off: [] };
    for (let round = 0; round < plan.rounds; round++) {
      for (const state of rotated(['on', 'off'], round)) {
        await gateway.ask('analytics', { on: state === 'on' });
        an[state].push(
          await wrk(json(T.gateway, jsonBody), {
            seconds: plan.wrkSeconds,
            connections: 64,
            cpu: loadCpu,
            tmpDir,
            name: `analytics-${state}`,
          }),
        );
      }
    }
    // The same at a fixed 1,000 req/s: with embedded chDB, inserts run on the gateway's own core.
    const anLat = { on: [], off: [] };
    for (let round = 0; round < plan.rounds; round++) {
      for (const state of rotated(['on', 'off'], round)) {
        await gateway.ask('analytics', { on: state === 'on' });
        anLat[state].push(
          ...(await openLoop(json(T.gateway, jsonBody), { rate: 1000, seconds: plan.slice }))
            .latencies,
        );
      }
    }
    await gateway.ask('analytics', { on: true });
    const evGw = await http('POST', `${gwOrigin}/gateway/create`, {
      headers: userHeaders,
      body: { name: 'bench-events' },
    });
    const evReq = makeRequest({
      origin: gwOrigin,
      path: '/v1/chat/completions',
      headers: { authorization: `Bearer ${evGw.secret}` },
    });
    const sent = await openLoop(json(evReq, jsonBody), { rate: 1000, seconds: plan.eventsSeconds });
    const recorded = await countRecorded(
      `${gwOrigin}/analytics/gateway/${evGw.gateway_id}?days=1`,
      userHeaders,
      sent.completed,
    );
    result.analytics = {
      rpsOn: Math.round(median(an.on.map((r) => r.rps))),
      rpsOff: Math.round(median(an.off.map((r) => r.rps))),
      runsOn: an.on.map((r) => Math.round(r.rps)),
      runsOff: an.off.map((r) => Math.round(r.rps)),
      errors: [...an.on, ...an.off].reduce((a, r) => a + r.errors, 0),
      sent: sent.completed,
      sentErrors: sent.errors,
      recorded,
      latency1000On: summarize(anLat.on),
      latency1000Off: summarize(anLat.off),
    };

    result.machine.loadavgAfter = loadavg().map((x) => Number(x.toFixed(2)));
    result.finishedAt = new Date().toISOString();
    result.derived = derive(result);
    const stamp = started.toISOString().replace(/[:.]/g, '-');
    const jsonPath = join(outDir, `bench-${stamp}.json`);
    const mdPath = join(outDir, `bench-${stamp}.md`);
    writeFileSync(jsonPath, JSON.stringify(result, null, 2));
    const md = renderMarkdown(result);
    writeFileSync(mdPath, md);
    writeFileSync(join(outDir, 'latest.json'), JSON.stringify(result, null, 2));
    writeFileSync(join(outDir, 'latest.md'), md);
    console.log(md);
    log(`written: ${jsonPath}\n         ${mdPath}`);
    return result;
  } finally {
    await Promise.all(procs.map((p) => p.stop().catch(() => undefined)));
    rmSync(tmpDir, { recursive: true, force: true });
  }
}

/**
 * wrk on each of `reqs` (name → request), one slice each per round in rotating order, with the
 * throughput section's settings (64 connections, one thread on the load core): the summary per name.
 */
async function wrkRounds(reqs, { rounds, seconds, cpu, tmpDir }) {
  const names = Object.keys(reqs);
  const runs = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < rounds; round++) {
    for (const name of rotated(names, round)) {
      runs[name].push(await wrk(reqs[name], { seconds, connections: 64, cpu, tmpDir, name }));
    }
  }
  return Object.fromEntries(names.map((n) => [n, summarizeWrk(runs[n])]));
}

/**
 * One request with the key before anything is timed: it must answer 200 and carry the key's
 * `x-ratelimit-*` headers, or the figure would be of refusals or of a key its limits skip.
 */
async function checkKeyAnswers(req, limits) {
  const res = await fetch(req.origin + req.path, {
    method: 'POST',
    headers: req.headers,
    body: req.body,
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`the key with limits answers ${res.status}: ${text}`);
  const headers = rateLimitHeadersOf(res);
  const problems = limitHeaderProblems(headers, limits);
  if (problems.length) {
    throw new Error(`the key's limits are not applied: ${problems.join('; ')}`);
  }
  return headers;
}

/** Analytics are flushed in batches: polls until the count reaches `expected` or stops moving. */
async function countRecorded(url, headers, expected) {
  let last = -1;
  let stableSince = Date.now();
  const deadline = Date.now() + 30_000;
  for (;;) {
    const summary = await http('GET', url, { headers });
    const count = Number(summary?.summary?.total_requests ?? 0);
    if (count >= expected) return count;
    if (count !== last) {
      last = count;
      stableSince = Date.now();
    }
    if (Date.now() - stableSince > 8000 || Date.now() > deadline) return count;
    await sleep(500);
  }
}

/** Ratios and added figures the report and the target check read. */
function derive(r) {
  const d = { latency: {}, streaming: {}, conversion: {} };
  for (const [scenario, byTarget] of Object.entries(r.latency)) {
    const direct = byTarget.direct;
    const floorAdded = added(byTarget.floor, direct);
    d.latency[scenario] = {};
    for (const [name, s] of Object.entries(byTarget)) {
      if (name === 'direct') continue;
      const add = added(s, direct);
      d.latency[scenario][name] = {
        added: add,
        toDirect: { p50: s.p50 / direct.p50, p99: s.p99 / direct.p99 },
        addedToFloor: { p50: add.p50 / floorAdded.p50, p99: add.p99 / floorAdded.p99 },
      };
    }
  }
  for (const name of ['floor', 'gateway', 'peer']) {
    d.streaming[name] = {
      ttfbAdded: added(r.streaming[name].ttfb, r.streaming.direct.ttfb),
      chunkDelayAdded: added(r.streaming[name].chunkDelay, r.streaming.direct.chunkDelay),
    };
  }
  for (const [path, c] of Object.entries(r.conversion)) {
    d.conversion[path] = {};
    for (const side of ['gateway', 'peer']) {
      if (!c[side]) continue;
      d.conversion[path][side] = {
        latencyAdded: added(c[side].latency1000, c.direct.latency1000),
        ttfbAdded: added(c[side].ttfb, c.direct.ttfb),
        chunkDelayAdded: added(c[side].chunkDelay, c.direct.chunkDelay),
      };
    }
  }
  const tp = r.throughput;
  d.throughput = {
    gatewayToFloor: tp.gateway.rps / tp.floor.rps,
    gatewayToPeer: tp.gateway.rps / tp.peer.rps,
  };
  d.analyticsCost = 1 - r.analytics.rpsOn / r.analytics.rpsOff;
  d.keyToSecret = r.keyLimits.key.rps / r.keyLimits.secret.rps;
  d.convertedToSame = r.conversionThroughput.converted.rps / r.conversionThroughput.same.rps;
  return d;
}

/** `--profile`: the gateway under wrk load with --cpu-prof; prints what dominates the load window. */
async function profileRun({ gateway, req, plan, tmpDir, loadCpu, profileDir, outDir, streamReq }) {
  rmSync(profileDir, { recursive: true, force: true });
  const seconds = Math.max(10, plan.wrkSeconds * 2);
  await wrk(req, { seconds: plan.warmup, connections: 64, cpu: loadCpu, tmpDir, name: 'warm' });
  const fromUs = Number(process.hrtime.bigint() / 1000n);
  const before = threadTimes(gateway.pid);
  const r = await wrk(req, { seconds, connections: 64, cpu: loadCpu, tmpDir, name: 'profile' });
  const threads = threadShares(gateway.pid, before, threadTimes(gateway.pid), seconds);
  const s = await streams(streamReq, { seconds: 3, concurrency: 8, chunks: STREAM_CHUNKS });
  const toUs = Number(process.hrtime.bigint() / 1000n);
  // Outside the profile window: the same load with analytics off, for the per-thread comparison.
  await gateway.ask('analytics', { on: false });
  const beforeOff = threadTimes(gateway.pid);
  const rOff = await wrk(req, {
    seconds,
    connections: 64,
    cpu: loadCpu,
    tmpDir,
    name: 'profile-off',
  });
  const threadsOff = threadShares(gateway.pid, beforeOff, threadTimes(gateway.pid), seconds);
  log(
    `profiled ${seconds} s of wrk at ${Math.round(r.rps)} req/s and ${s.streams} streams; stopping the gateway`,
  );
  await gateway.stop();
  const file = await waitFor(
    () => {
      try {
        const names = execFileSync('ls', [profileDir])
          .toString()
          .trim()
          .split('\n')
          .filter((n) => n.endsWith('.cpuprofile'));
        return names.length ? join(profileDir, names[0]) : undefined;
      } catch {
        return undefined;
      }
    },
    15_000,
    'the .cpuprofile',
  );
  const threadTable = [
    `## CPU per thread of the gateway during ${seconds} s of wrk, one core`,
    '',
    'The .cpuprofile sees only the JavaScript thread; this is every thread of the process (/proc).',
    `"record() off": the same ${seconds} s with EventRecorder.record() swapped for a no-op by the probe.`,
    '',
    `| thread | analytics on (${Math.round(r.rps)} req/s) | record() off (${Math.round(rOff.rps)} req/s) |`,
    '| --- | ---: | ---: |',
    ...threads.slice(0, 15).map((t) => {
      const off = threadsOff.find((o) => o.name === t.name);
      return `| ${t.name} | ${(100 * t.coreShare).toFixed(1)} % | ${off ? (100 * off.coreShare).toFixed(1) : '0.0'} % |`;
    }),
    '',
  ].join('\n');
  const summary =
    threadTable +
    '\n' +
    summarizeProfile(JSON.parse(readFileSync(file, 'utf8')), { fromUs, toUs, root: ROOT });
  writeFileSync(join(outDir, 'profile-summary.md'), summary);
  console.log(summary);
  log(`profile: ${file}\nsummary: ${join(outDir, 'profile-summary.md')}`);
}
