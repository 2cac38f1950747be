// `npm run bench -- --workers`: what a second core gives. The gateway with WORKERS=1 and with WORKERS=2
// (node cluster behind one port; Redis shared), the minimal proxy and the direct call for reference,
// each under the same wrk (2 threads, 128 connections) in alternating rounds. Nothing is pinned: the
// cluster is there to use both cores, so the targets, wrk and the fake upstream all share the two.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { makeRequest, sendOnce, serial, wrk } from './load.mjs';
import { descendants, startNode } from './processes.mjs';
import { renderWorkers } from './report.mjs';
import { summarizeWrk } from './stats.mjs';
import { createGatewaySecret, GATEWAY_ENTRY, startGateway } from './targets.mjs';
import { treeTicks } from './threads.mjs';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const BENCH = join(ROOT, 'bench');

const PLANS = {
  quick: { rounds: 2, seconds: 2, warmup: 1 },
  full: { rounds: 3, seconds: 5, warmup: 2 },
};
const WRK = { threads: 2, connections: 128 };
const CLK_TCK = 100; // /proc ticks per second on Linux

const t0 = Date.now();
const log = (...a) =>
  console.error(`[${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s]`, ...a);

/**
 * How many processes serve requests under `pid`: the cluster workers (processes running the
 * gateway's entry below it), else the process itself.
 */
function requestProcesses(pid) {
  const workers = descendants(pid).filter((p) => {
    try {
      return readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0').includes(GATEWAY_ENTRY);
    } catch {
      return false;
    }
  });
  return Math.max(1, workers.length);
}

/**
 * Waits until `req` answers 200 on `connections` fresh connections in a row (node cluster hands
 * connections to the workers in turn, so each worker answers some): a secret created through one
 * worker reaches the others' caches a moment later, and wrk must not count that moment as errors.
 * Returns how long it took (ms).
 */
async function untilEveryWorkerAnswers(req, { connections, timeoutMs = 30_000 }) {
  const start = Date.now();
  let last;
  while (Date.now() - start < timeoutMs) {
    let ok = 0;
    for (; ok < connections; ok++) {
      const r = await sendOnce(req);
      if (!r.ok) {
        last = r.error ?? `HTTP ${r.statusCode}`;
        break;
      }
    }
    if (ok === connections) return Date.now() - start;
    await sleep(250);
  }
  throw new Error(
    `not every worker answers ${req.origin}${req.path} after ${timeoutMs} ms: ${last}`,
  );
}

/** Rotates the order every round so no target always runs first (or right after a given one). */
function rotated(list, round) {
  const k = round % list.length;
  return [...list.slice(k), ...list.slice(0, k)];
}

export async function workersMain(argv) {
  const mode = argv.includes('--quick') ? 'quick' : 'full';
  const plan = PLANS[mode];
  const verbose = argv.includes('--verbose');
  const lineLog = verbose ? log : undefined;
  const outDir = join(ROOT, 'bench-results');
  mkdirSync(outDir, { recursive: true });
  const tmpDir = mkdtempSync(join(tmpdir(), 'gateway-bench-workers-'));
  // As root, embedded Postgres runs as its own unprivileged user, which must reach DATA_DIR.
  chmodSync(tmpDir, 0o755);
  // The cluster shares rate limits, budgets, breakers and concurrency through Redis; WORKERS=1 gets
  // it too, so the two differ only in their number of request processes.
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const started = new Date();
  const load0 = loadavg();
  const procs = [];
  const stopAll = async () => {
    const stopped = await Promise.all(procs.map((p) => p.stop().catch(() => ({ leftovers: [] }))));
    return stopped.flatMap((s) => s.leftovers ?? []);
  };
  const interrupted = (signal) => {
    log(`${signal}: stopping the targets`);
    stopAll().finally(() => {
      rmSync(tmpDir, { recursive: true, force: true });
      process.exit(130);
    });
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);

  let result;
  try {
    log(`bench (workers, ${mode}): starting processes, nothing pinned, REDIS_URL ${redisUrl}`);
    const upstream = await startNode({
      name: 'upstream',
      script: join(BENCH, 'lib/fake-upstream.mjs'),
      args: ['--port', '0'],
      ready: (p) => p.firstJsonLine(),
      log: lineLog,
    });
    procs.push(upstream);
    const upOrigin = `http://127.0.0.1:${upstream.ready.port}`;
    const floor = await startNode({
      name: 'floor',
      script: join(BENCH, 'lib/min-proxy.mjs'),
      args: ['--port', '0', '--upstream', upOrigin],
      ready: (p) => p.firstJsonLine(),
      log: lineLog,
    });
    procs.push(floor);
    // Both gateways stay up for the whole comparison so their rounds can alternate; the one not
    // measured is idle. Each is a process of its own with its own Postgres and analytics process.
    const gateways = {};
    for (const workers of [1, 2]) {
      const name = `gateway-${workers}`;
      log(`starting the gateway with WORKERS=${workers}`);
      const gateway = await startGateway({
        name,
        dataDir: join(tmpDir, `${name}-data`),
        upOrigin,
        env: { WORKERS: String(workers), REDIS_URL: redisUrl },
        log: lineLog,
      });
      procs.push(gateway);
      gateways[name] = gateway;
    }

    const body = JSON.stringify({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Hello' }],
    });
    const direct = { authorization: 'Bearer x' };
    const reqs = {
      direct: makeRequest({
        origin: upOrigin,
        path: '/v1/chat/completions',
        headers: direct,
        body,
      }),
      floor: makeRequest({
        origin: `http://127.0.0.1:${floor.ready.port}`,
        path: '/v1/chat/completions',
        headers: direct,
        body,
      }),
    };
    const proc = { direct: upstream, floor };
    for (const [name, gateway] of Object.entries(gateways)) {
      const { auth } = await createGatewaySecret(gateway.origin);
      reqs[name] = makeRequest({
        origin: gateway.origin,
        path: '/v1/chat/completions',
        headers: auth,
        body,
      });
      proc[name] = gateway;
    }
    const names = Object.keys(reqs);
    const processes = {};
    const secretReachedAllMs = {};
    for (const name of names) {
      processes[name] = requestProcesses(proc[name].pid);
      if (name.startsWith('gateway-')) {
        secretReachedAllMs[name] = await untilEveryWorkerAnswers(reqs[name], {
          connections: 4 * processes[name],
        });
      }
      const r = await serial(reqs[name], { seconds: 0.05 });
      if (r.errors) throw new Error(`${name} does not answer: ${r.firstError}`);
    }
    if (processes['gateway-2'] !== 2) {
      throw new Error(`WORKERS=2 runs ${processes['gateway-2']} request processes, not 2`);
    }

    log(`warm-up (${plan.warmup} s per target)`);
    for (const name of names) {
      await wrk(reqs[name], { seconds: plan.warmup, ...WRK, tmpDir, name: `warm-${name}` });
    }

    log(`wrk -t${WRK.threads} -c${WRK.connections}, ${plan.rounds} rounds of ${plan.seconds} s`);
    const runs = Object.fromEntries(names.map((n) => [n, []]));
    const cpu = Object.fromEntries(names.map((n) => [n, { target: [], upstream: [] }]));
    for (let round = 0; round < plan.rounds; round++) {
      for (const name of rotated(names, round)) {
        // CPU of the target's whole process tree and of the fake upstream during the slice: how much
        // of the two cores each got (wrk takes the rest).
        const before = { target: treeTicks(proc[name].pid), upstream: treeTicks(upstream.pid) };
        const t = process.hrtime.bigint();
        const r = await wrk(reqs[name], { seconds: plan.seconds, ...WRK, tmpDir, name });
        const seconds = Number(process.hrtime.bigint() - t) / 1e9;
        runs[name].push(r);
        if (name !== 'direct') {
          cpu[name].target.push((treeTicks(proc[name].pid) - before.target) / CLK_TCK / seconds);
        }
        cpu[name].upstream.push((treeTicks(upstream.pid) - before.upstream) / CLK_TCK / seconds);
      }
      log(
        `  round ${round + 1}: ` +
          names.map((n) => `${n} ${Math.round(runs[n].at(-1).rps)}`).join(', '),
      );
    }

    const mean = (v) => (v.length ? v.reduce((a, b) => a + b, 0) / v.length : null);
    result = {
      mode: `workers, ${mode}`,
      startedAt: started.toISOString(),
      machine: {
        cpu: cpus()[0]?.model,
        cores: cpus().length,
        memoryGiB: Math.round(totalmem() / 2 ** 30),
        node: process.version,
        loadavgBefore: load0.map((x) => Number(x.toFixed(2))),
      },
      plan: { ...plan, ...WRK },
      redisUrl,
      workers: Object.fromEntries(
        names.map((n) => [
          n,
          {
            ...summarizeWrk(runs[n]),
            requestProcesses: processes[n],
            secretReachedAllMs: secretReachedAllMs[n],
            targetCores: mean(cpu[n].target),
            upstreamCores: mean(cpu[n].upstream),
          },
        ]),
      ),
    };
    result.twoToOne = result.workers['gateway-2'].rps / result.workers['gateway-1'].rps;
  } finally {
    // Stopped before the report is written, so the report can say whether anything was left running.
    const killed = await stopAll();
    rmSync(tmpDir, { recursive: true, force: true });
    if (result) result.leftovers = { killed, stillRunning: descendants(process.pid) };
  }

  result.machine.loadavgAfter = loadavg().map((x) => Number(x.toFixed(2)));
  result.finishedAt = new Date().toISOString();
  const stamp = started.toISOString().replace(/[:.]/g, '-');
  const md = renderWorkers(result);
  // Files of their own: a latest.md with only this comparison would hide the last full run's.
  writeFileSync(join(outDir, `bench-workers-${stamp}.json`), JSON.stringify(result, null, 2));
  writeFileSync(join(outDir, `bench-workers-${stamp}.md`), md);
  writeFileSync(join(outDir, 'latest-workers.json'), JSON.stringify(result, null, 2));
  writeFileSync(join(outDir, 'latest-workers.md'), md);
  console.log(md);
  log(`written: ${join(outDir, `bench-workers-${stamp}.md`)}`);
  return result;
}
