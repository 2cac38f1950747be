#!/usr/bin/env node
// node bench/idle-memory.mjs [--load-seconds 10] [--idle-seconds 25]
//
// What the request process holds when idle, step by step: at boot, after a load with the gateway
// secret, after a load with a key whose tpm limit counts input tokens (which loads the model's BPE
// encoding, o200k_base for gpt-4o-mini), each read after `idle-seconds` without a request (the gateway
// collects once a quiet 10 s interval passes). Also the analytics process's RSS, which is apart.
// Needs the built API (`npx nx run api:build`) and wrk; the gateway is pinned to cpu 0, wrk and the
// fake upstream to cpu 1 (BENCH_NO_PIN=1 runs unpinned). Prints a Markdown table.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { makeRequest, wrk } from './lib/load.mjs';
import { startNode } from './lib/processes.mjs';
import {
  createGatewaySecret,
  createKey,
  startGateway,
  UNREACHABLE_LIMITS,
} from './lib/targets.mjs';

const argv = process.argv.slice(2);
const num = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(argv[i + 1]);
};
const loadSeconds = num('load-seconds', 10);
const idleMs = num('idle-seconds', 25) * 1000;
const [targetCpu, loadCpu] = process.env.BENCH_NO_PIN === '1' ? [undefined, undefined] : [0, 1];
const MiB = (bytes) => (bytes / 2 ** 20).toFixed(1);

const tmp = mkdtempSync(join(tmpdir(), 'gateway-idle-memory-'));
const procs = [];
try {
  const upstream = await startNode({
    name: 'upstream',
    script: fileURLToPath(new URL('./lib/fake-upstream.mjs', import.meta.url)),
    args: ['--port', '0'],
    cpu: loadCpu,
    ready: (p) => p.firstJsonLine(),
  });
  procs.push(upstream);
  const gateway = await startGateway({
    dataDir: join(tmp, 'gateway-data'),
    upOrigin: `http://127.0.0.1:${upstream.ready.port}`,
    cpu: targetCpu,
  });
  procs.push(gateway);
  const { gw, userHeaders, auth } = await createGatewaySecret(gateway.origin);
  const key = await createKey(gateway.origin, gw.gateway_id, userHeaders, UNREACHABLE_LIMITS);
  const body = JSON.stringify({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'Hello' }],
  });
  const request = (authorization) => ({
    ...makeRequest({
      origin: gateway.origin,
      path: '/v1/chat/completions',
      headers: { authorization },
    }),
    body,
  });

  const rows = [];
  const read = async (step, rps) => {
    const stats = await gateway.ask('stats');
    const analytics = await gateway.ask('analytics-process');
    rows.push({ step, rps, rss: stats.rss, heap: stats.heapUsed, analytics: analytics?.rss });
    process.stderr.write(`${step}: RSS ${MiB(stats.rss)} MiB\n`);
  };
  const load = async (authorization, name) => {
    const r = await wrk(request(authorization), {
      seconds: loadSeconds,
      connections: 64,
      cpu: loadCpu,
      tmpDir: tmp,
      name,
    });
    return Math.round(r.rps);
  };

  await sleep(3000);
  await read('boot (gateway and key created, no request yet)', null);
  const secretRps = await load(auth.authorization, 'secret');
  await sleep(idleMs);
  await read(`idle after ${loadSeconds} s of load with the gateway secret`, secretRps);
  const keyRps = await load(`Bearer ${key.key}`, 'key');
  await sleep(idleMs);
  await read(`idle after ${loadSeconds} s more with a key counting tokens (tpm)`, keyRps);

  console.log(
    [
      `Idle ${idleMs / 1000} s before each reading after a load; wrk -c64, ${loadSeconds} s per load.`,
      '',
      '| step | req/s during the load | request process RSS (MiB) | JS heap (MiB) | analytics process RSS (MiB) |',
      '| --- | ---: | ---: | ---: | ---: |',
      ...rows.map(
        (r) =>
          `| ${r.step} | ${r.rps ?? ''} | ${MiB(r.rss)} | ${MiB(r.heap)} | ${r.analytics ? MiB(r.analytics) : ''} |`,
      ),
    ].join('\n'),
  );
} finally {
  for (const p of procs.reverse()) await p.stop().catch(() => undefined);
  rmSync(tmp, { recursive: true, force: true });
}
