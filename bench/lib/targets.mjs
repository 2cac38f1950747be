// Starting the gateway under test and giving it what a real client has: a user, a gateway and its
// secret, and (for the limits scenario) a key with limits. Shared by the main run and `--workers`.
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startNode, waitFor } from './processes.mjs';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const GATEWAY_ENTRY = join(ROOT, 'apps/api/dist/main.js');

export function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

export async function http(method, url, { headers = {}, body } = {}) {
  const res = await fetch(url, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url} → ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/**
 * `node apps/api/dist/main.js` in production mode with embedded Postgres and chDB under `dataDir`, its
 * providers pointing at the fake upstream. Resolves once /health answers and, with WORKERS > 1, once
 * the primary has logged that every worker listens (the first worker answers /health before the
 * others are up). The process gets `origin`.
 */
export async function startGateway({
  name = 'gateway',
  dataDir,
  upOrigin,
  cpu,
  env = {},
  nodeArgs = [],
  log,
}) {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const workers = Number(env.WORKERS ?? 1);
  const allListening = (p) =>
    workers <= 1 || p.lines.some((l) => new RegExp(`${workers} workers listening on port`).test(l));
  const gateway = await startNode({
    name,
    script: GATEWAY_ENTRY,
    nodeArgs,
    cpu,
    env: {
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      EMBEDDED_POSTGRES_PORT: String(await freePort()),
      LOG_LEVEL: 'info',
      OPENAI_API_KEY: 'x',
      OPENAI_BASE_URL: `${upOrigin}/v1`,
      ANTHROPIC_API_KEY: 'x',
      ANTHROPIC_BASE_URL: upOrigin,
      ...env,
    },
    ready: (p) =>
      waitFor(
        () =>
          allListening(p) &&
          fetch(`${origin}/health`).then(
            (r) => r.ok,
            () => false,
          ),
        120_000,
        `the ${name} /health`,
      ),
    log,
  });
  gateway.origin = origin;
  return gateway;
}

/** An anonymous user and a gateway of theirs: its id, its secret, and the headers to use them. */
export async function createGatewaySecret(origin, name = 'bench') {
  const user = await http('POST', `${origin}/auth/join`);
  const userHeaders = { 'x-user-id': user.id };
  const gw = await http('POST', `${origin}/gateway/create`, {
    headers: userHeaders,
    body: { name },
  });
  return { gw, userHeaders, auth: { authorization: `Bearer ${gw.secret}` } };
}

/**
 * Limits far above anything the bench can reach, so every request is counted against each of them
 * (requests, tokens, dollars) and none is ever refused.
 */
export const UNREACHABLE_LIMITS = Object.freeze({
  rpm: 100_000_000,
  tpm: 100_000_000_000,
  budget_usd_per_day: 1_000_000,
});

/** `POST /gateway/{id}/keys` with `limits`: the created key (its full `key` is shown only here). */
export function createKey(origin, gatewayId, userHeaders, limits, name = 'bench-limits') {
  return http('POST', `${origin}/gateway/${gatewayId}/keys`, {
    headers: userHeaders,
    body: { name, limits },
  });
}

/**
 * What is wrong with an answer's `x-ratelimit-*` headers for a key with `limits` (rpm, tpm,
 * budget_usd_per_day): one sentence per missing or different limit header, none when they all match.
 */
export function limitHeaderProblems(headers, limits) {
  const expected = {
    'x-ratelimit-limit-requests': limits.rpm,
    'x-ratelimit-limit-tokens': limits.tpm,
    'x-ratelimit-limit-usd': limits.budget_usd_per_day,
  };
  const problems = [];
  for (const [name, limit] of Object.entries(expected)) {
    if (limit === undefined) continue;
    const got = headers[name];
    if (got === undefined) problems.push(`no ${name}`);
    else if (Number(got) !== limit) problems.push(`${name} is ${got}, not ${limit}`);
  }
  return problems;
}

/** The `x-ratelimit-*` headers of a fetch Response, as a plain object. */
export function rateLimitHeadersOf(res) {
  return Object.fromEntries([...res.headers].filter(([k]) => k.startsWith('x-ratelimit-')));
}
