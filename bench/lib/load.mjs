// Load generators: an open-loop client at a fixed rate and a one-at-a-time client (microsecond timing
// with process.hrtime.bigint()), a streaming client that times every chunk, and wrk for throughput.
import { execFile } from 'node:child_process';
import { setMaxListeners } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';

const now = () => process.hrtime.bigint();
const usSince = (t0) => Number(now() - t0) / 1000;

/** One request shape against one target: where, which headers, which body. */
export function makeRequest({ origin, path, headers, body }) {
  return { origin, path, headers: { 'content-type': 'application/json', ...headers }, body };
}

async function send(pool, req) {
  const t0 = now();
  const { statusCode, body } = await pool.request({
    path: req.path,
    method: 'POST',
    headers: req.headers,
    body: req.body,
  });
  for await (const _chunk of body) {
    // drain: the latency ends with the last byte
  }
  return { us: usSince(t0), ok: statusCode === 200, statusCode };
}

/**
 * Open loop: request i is sent at t0 + i/rate whatever happened to the earlier ones, so a slow target
 * cannot slow the arrivals down (no coordinated omission). Timers fire at best every ~1 ms, so sends due
 * in the same millisecond leave together; latency runs from each request's own send.
 */
export async function openLoop(req, { rate, seconds, connections = 256 }) {
  const pool = new Pool(req.origin, { connections, pipelining: 1, keepAliveTimeout: 60_000 });
  const total = Math.max(1, Math.round(rate * seconds));
  const latencies = new Float64Array(total);
  let done = 0;
  let errors = 0;
  let firstError;
  const inflight = [];
  const t0 = now();
  let sent = 0;
  let maxLagUs = 0;
  while (sent < total) {
    const elapsedUs = usSince(t0);
    const due = Math.min(total, Math.floor((elapsedUs * rate) / 1e6) + 1);
    if (due > sent) maxLagUs = Math.max(maxLagUs, elapsedUs - (sent * 1e6) / rate);
    for (; sent < due; sent++) {
      const i = sent;
      inflight.push(
        send(pool, req).then(
          (r) => {
            latencies[i] = r.us;
            if (!r.ok) {
              errors++;
              firstError ??= `HTTP ${r.statusCode}`;
            }
            done++;
          },
          (err) => {
            latencies[i] = Number.NaN;
            errors++;
            firstError ??= err.message;
            done++;
          },
        ),
      );
    }
    const nextDueUs = (sent * 1e6) / rate;
    const wait = Math.max(0, nextDueUs - usSince(t0)) / 1000;
    if (sent < total) await sleep(wait >= 1 ? Math.floor(wait) : 0);
  }
  await Promise.all(inflight);
  const elapsed = usSince(t0) / 1e6;
  await pool.close();
  return {
    latencies: Array.from(latencies).filter((v) => !Number.isNaN(v)),
    sent: total,
    completed: done,
    errors,
    firstError,
    achievedRate: total / elapsed,
    maxSendLagUs: Math.round(maxLagUs),
  };
}

/** One request on a connection of its own (closed after): { ok, statusCode }, or { error }. */
export async function sendOnce(req) {
  const pool = new Pool(req.origin, { connections: 1 });
  try {
    return await send(pool, req);
  } catch (err) {
    return { ok: false, error: err.message };
  } finally {
    await pool.destroy();
  }
}

/** One request at a time on one connection, for `seconds`. */
export async function serial(req, { seconds }) {
  const pool = new Pool(req.origin, { connections: 1, keepAliveTimeout: 60_000 });
  const latencies = [];
  let errors = 0;
  let firstError;
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    try {
      const r = await send(pool, req);
      latencies.push(r.us);
      if (!r.ok) {
        errors++;
        firstError ??= `HTTP ${r.statusCode}`;
      }
    } catch (err) {
      errors++;
      firstError ??= err.message;
    }
  }
  await pool.close();
  return { latencies, sent: latencies.length + errors, errors, firstError };
}

const MARKER = /@(\d{6,})@/g;

/**
 * Reads one SSE stream; every `@<ns>@` marker the fake upstream wrote is timed on arrival. Returns
 * the time to the first marker (from the send) and each marker's delay upstream write → client read.
 */
async function readStream(pool, req, signal) {
  const t0 = now();
  const { statusCode, body } = await pool.request({
    path: req.path,
    method: 'POST',
    headers: req.headers,
    body: req.body,
    signal,
  });
  let ttfbUs;
  const delays = [];
  let carry = '';
  for await (const chunk of body) {
    const at = now();
    const text = carry + chunk.toString('latin1');
    let last = 0;
    MARKER.lastIndex = 0;
    for (let m = MARKER.exec(text); m; m = MARKER.exec(text)) {
      ttfbUs ??= Number(at - t0) / 1000;
      delays.push(Number(at - BigInt(m[1])) / 1000);
      last = MARKER.lastIndex;
    }
    carry = text.slice(Math.max(last, text.length - 40));
  }
  return { ok: statusCode === 200, statusCode, ttfbUs, delays };
}

/** `concurrency` streams back to back for `seconds`; every stream must deliver all its chunks. */
export async function streams(req, { seconds, concurrency, chunks }) {
  const pool = new Pool(req.origin, { connections: concurrency, keepAliveTimeout: 60_000 });
  const ttfb = [];
  const delays = [];
  let count = 0;
  let errors = 0;
  let incomplete = 0;
  let firstError;
  const end = Date.now() + seconds * 1000;
  const worker = async () => {
    while (Date.now() < end) {
      try {
        const r = await readStream(pool, req);
        count++;
        if (!r.ok) {
          errors++;
          firstError ??= `HTTP ${r.statusCode}`;
          continue;
        }
        if (r.ttfbUs !== undefined) ttfb.push(r.ttfbUs);
        if (r.delays.length !== chunks) incomplete++;
        for (const d of r.delays) delays.push(d);
      } catch (err) {
        errors++;
        firstError ??= err.message;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  await pool.close();
  return { ttfb, delays, streams: count, errors, incomplete, firstError };
}

/**
 * Opens `count` slow streams at once and resolves `hold()` once every one has delivered its first
 * chunk; `release()` aborts them all. Used to read a target's memory with that many streams open.
 */
export async function openStreams(req, { count, timeoutMs }) {
  const pool = new Pool(req.origin, { connections: count, keepAliveTimeout: 60_000 });
  const controller = new AbortController();
  // One signal for all the streams: each request listens to it.
  setMaxListeners(count + 10, controller.signal);
  let started = 0;
  let failed = 0;
  let firstError;
  let resolveAll;
  const allStarted = new Promise((r) => (resolveAll = r));
  const tasks = [];
  for (let i = 0; i < count; i++) {
    tasks.push(
      pool
        .request({
          path: req.path,
          method: 'POST',
          headers: req.headers,
          body: req.body,
          signal: controller.signal,
        })
        .then(async ({ body }) => {
          let first = true;
          for await (const _chunk of body) {
            if (first) {
              first = false;
              if (++started + failed === count) resolveAll();
            }
          }
        })
        .catch((err) => {
          if (controller.signal.aborted) return;
          failed++;
          firstError ??= err.message;
          if (started + failed === count) resolveAll();
        }),
    );
    // A short ramp keeps the accept queue of the target under its backlog.
    if (i % 100 === 99) await sleep(20);
  }
  await Promise.race([allStarted, sleep(timeoutMs)]);
  return {
    get started() {
      return started;
    },
    failed,
    firstError,
    async release() {
      controller.abort();
      await Promise.allSettled(tasks);
      await pool.destroy();
    },
  };
}

function luaString(s) {
  return `[==[${s}]==]`;
}

/**
 * wrk with `connections` connections on `threads` threads (one unless told: one load core) for
 * `seconds`: requests/s and errors.
 */
export async function wrk(req, { seconds, connections, threads = 1, cpu, tmpDir, name }) {
  const script = join(tmpDir, `wrk-${name}.lua`);
  writeFileSync(
    script,
    [
      'wrk.method = "POST"',
      `wrk.body = ${luaString(req.body)}`,
      ...Object.entries(req.headers).map(
        ([k, v]) => `wrk.headers[ ${luaString(k)} ] = ${luaString(v)}`,
      ),
      'done = function(summary, latency, requests)',
      '  local e = summary.errors',
      '  io.write(string.format(\'WRKJSON {"requests":%d,"duration_us":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d,"p50":%d,"p99":%d}\\n\',',
      '    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,',
      '    latency:percentile(50), latency:percentile(99)))',
      'end',
      '',
    ].join('\n'),
  );
  const url = req.origin + req.path;
  const args = [`-t${threads}`, `-c${connections}`, `-d${seconds}s`, '-s', script, url];
  const [cmd, cmdArgs] =
    cpu === undefined ? ['wrk', args] : ['taskset', ['-c', String(cpu), 'wrk', ...args]];
  const stdout = await new Promise((resolve, reject) =>
    execFile(cmd, cmdArgs, { timeout: (seconds + 30) * 1000 }, (err, out, errOut) =>
      err ? reject(new Error(`wrk failed: ${err.message}\n${errOut}`)) : resolve(out),
    ),
  );
  const line = stdout.split('\n').find((l) => l.startsWith('WRKJSON '));
  if (!line) throw new Error(`wrk printed no summary:\n${stdout}`);
  const r = JSON.parse(line.slice('WRKJSON '.length));
  const errors = r.connect + r.read + r.write + r.status + r.timeout;
  return {
    rps: r.requests / (r.duration_us / 1e6),
    requests: r.requests,
    errors,
    p50: r.p50,
    p99: r.p99,
  };
}
