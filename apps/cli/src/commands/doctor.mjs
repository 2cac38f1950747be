import { readFileSync } from 'node:fs';
import { GatewayClient, clientConfig, connectError, hasCredentials } from '../client.mjs';
import { ApiError, ConnectError, EXIT, UsageError } from '../errors.mjs';
import { printJson, printTable } from '../output.mjs';

const MIN_NODE = [20, 19, 0];
const SKEW_WARN_S = 30;
const SKEW_FAIL_S = 300;

/** @typedef {{ name: string, status: 'ok' | 'warn' | 'fail' | 'skip', detail: string }} Check */

/** @param {import('commander').Command} program */
export function registerDoctor(program) {
  program
    .command('doctor')
    .description('check config, connectivity, versions, credentials and clock skew')
    .action(
      async (/** @type {unknown} */ _opts, /** @type {import('commander').Command} */ cmd) => {
        const opts = cmd.optsWithGlobals();
        const { checks, code } = await diagnose(opts);
        if (opts.json) {
          printJson({ ok: code === EXIT.OK, checks });
        } else {
          printTable(
            checks,
            [
              { header: 'CHECK', value: (c) => c.name },
              { header: 'RESULT', value: (c) => c.status.toUpperCase() },
              { header: 'DETAIL', value: (c) => c.detail },
            ],
            '',
          );
        }
        if (code !== EXIT.OK) {
          const failed = checks.filter((c) => c.status === 'fail').map((c) => c.name);
          process.stderr.write(`error: doctor found problems: ${failed.join(', ')}\n`);
        }
        process.exitCode = code;
      },
    );
}

/**
 * Runs every check it can; returns the checks and the exit code (0, 1, or 3 when unreachable).
 * @param {Record<string, any>} opts
 * @returns {Promise<{ checks: Check[], code: number }>}
 */
export async function diagnose(opts) {
  /** @type {Check[]} */
  const checks = [];
  const add = (/** @type {Check} */ c) => checks.push(c);

  const node = process.versions.node.split('.').map(Number);
  add({
    name: 'node',
    status: compare(node, MIN_NODE) >= 0 ? 'ok' : 'fail',
    detail: `v${process.versions.node} (needs >= ${MIN_NODE.join('.')})`,
  });

  /** @type {import('../client.mjs').ClientConfig} */
  let cfg;
  try {
    cfg = clientConfig(opts);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    add({ name: 'config', status: 'fail', detail: err.message });
    return { checks, code: EXIT.API };
  }
  const credential = cfg.adminKey
    ? 'ADMIN_API_KEY'
    : cfg.token
      ? 'GATEWAY_TOKEN'
      : cfg.userId
        ? 'GATEWAY_USER_ID'
        : null;
  add({
    name: 'config',
    status: credential ? 'ok' : 'warn',
    detail: `GATEWAY_URL=${cfg.url.href}; credentials: ${credential ?? 'none (set GATEWAY_USER_ID, GATEWAY_TOKEN or ADMIN_API_KEY)'}`,
  });

  // /health without credentials: reachability, liveness, the Date header and maybe the version.
  const started = Date.now();
  /** @type {Response} */
  let health;
  try {
    health = await fetch(new GatewayClient(cfg).urlFor('/health'), {
      signal: AbortSignal.timeout(cfg.timeoutMs),
    });
  } catch (err) {
    add({ name: 'reachable', status: 'fail', detail: connectError(err, cfg).message });
    for (const name of ['health', 'ready', 'version', 'auth', 'clock']) {
      add({ name, status: 'skip', detail: 'gateway unreachable' });
    }
    return { checks, code: EXIT.CONNECT };
  }
  const rtt = Date.now() - started;
  add({ name: 'reachable', status: 'ok', detail: `${cfg.url.origin} answered in ${rtt} ms` });

  /** @type {any} */
  const healthBody = await health.json().catch(() => null);
  add({
    name: 'health',
    status: health.ok && healthBody?.status === 'ok' ? 'ok' : 'fail',
    detail: `GET /health → ${health.status}${healthBody ? ` ${JSON.stringify(healthBody)}` : ''}`,
  });

  const ready = await probe(cfg, '/ready');
  add(
    ready instanceof Error
      ? { name: 'ready', status: 'fail', detail: ready.message }
      : ready.status === 404
        ? {
            name: 'ready',
            status: 'warn',
            detail: 'GET /ready → 404: not exposed by this server version',
          }
        : {
            name: 'ready',
            status: ready.ok ? 'ok' : 'fail',
            detail: `GET /ready → ${ready.status}${ready.text ? ` ${ready.text.slice(0, 200)}` : ''}`,
          },
  );

  const cliVersion = JSON.parse(
    readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
  ).version;
  const serverVersion =
    health.headers.get('x-gateway-version') ??
    (typeof healthBody?.version === 'string' ? healthBody.version : null);
  add(
    serverVersion
      ? {
          name: 'version',
          status: serverVersion.split('.')[0] === cliVersion.split('.')[0] ? 'ok' : 'warn',
          detail: `server ${serverVersion}, cli ${cliVersion}`,
        }
      : {
          name: 'version',
          status: 'warn',
          detail: `server version not exposed; cli ${cliVersion}`,
        },
  );

  if (hasCredentials(cfg)) {
    try {
      const { body } = await new GatewayClient(cfg).request('GET', '/auth/me');
      add({
        name: 'auth',
        status: 'ok',
        detail: `${credential} → user ${body.username} (${body.id})`,
      });
    } catch (err) {
      if (err instanceof ApiError) {
        add({
          name: 'auth',
          status: 'fail',
          detail: `${credential} refused: ${err.message} (HTTP ${err.status})`,
        });
      } else if (err instanceof ConnectError) {
        add({ name: 'auth', status: 'fail', detail: err.message });
      } else throw err;
    }
  } else {
    add({ name: 'auth', status: 'skip', detail: 'no credentials given' });
  }

  const date = health.headers.get('date');
  if (date && !Number.isNaN(Date.parse(date))) {
    // The Date header has whole seconds; compare with the middle of the round trip.
    const skew = Math.round((Date.parse(date) - (started + rtt / 2)) / 1000);
    const abs = Math.abs(skew);
    add({
      name: 'clock',
      status: abs > SKEW_FAIL_S ? 'fail' : abs > SKEW_WARN_S ? 'warn' : 'ok',
      detail: `server clock ${skew >= 0 ? '+' : ''}${skew} s from this machine (±1 s)`,
    });
  } else {
    add({ name: 'clock', status: 'warn', detail: 'no Date header from the server' });
  }

  return { checks, code: checks.some((c) => c.status === 'fail') ? EXIT.API : EXIT.OK };
}

/**
 * @param {import('../client.mjs').ClientConfig} cfg
 * @param {string} path
 * @returns {Promise<{ status: number, ok: boolean, text: string } | Error>}
 */
async function probe(cfg, path) {
  try {
    const res = await fetch(new GatewayClient(cfg).urlFor(path), {
      signal: AbortSignal.timeout(cfg.timeoutMs),
    });
    return { status: res.status, ok: res.ok, text: (await res.text()).trim() };
  } catch (err) {
    return connectError(err, cfg);
  }
}

/** @param {number[]} a @param {number[]} b */
function compare(a, b) {
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}
