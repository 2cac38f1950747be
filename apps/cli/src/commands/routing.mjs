import { InvalidArgumentError, Option } from 'commander';
import { gatewayOption, gatewayPath, run } from '../context.mjs';
import { UsageError } from '../errors.mjs';
import { defined, integer, readJsonObject } from '../parse.mjs';
import { printFields, printJson } from '../output.mjs';

/** @param {import('commander').Command} program */
export function registerRouting(program) {
  const routing = program
    .command('routing')
    .description(
      "a gateway's routing: strategy, high availability, fallbacks, deadline, retries, breaker",
    );

  routing
    .command('show')
    .addOption(gatewayOption())
    .description('show the routing settings')
    .action(
      run(async ({ client, json, opts }) => {
        const { body } = await client.request('GET', gatewayPath(opts.gateway, '/routing'));
        if (json) return printJson(body);
        printRouting(body);
      }),
    );

  routing
    .command('set')
    .addOption(gatewayOption())
    .addOption(
      new Option('--strategy <name>', 'provider choice').choices([
        'priority',
        'round_robin',
        'least_latency',
        'health_first',
      ]),
    )
    .option('--high-availability', 'try the next provider on failure')
    .option('--no-high-availability', 'do not')
    .option(
      '--fallback <model=a,b>',
      'fallback models for a model, repeatable ("model=" removes them)',
      fallback,
    )
    .option(
      '--deadline-ms <ms>',
      'time budget of one request over all attempts',
      integer(1000, 3_600_000),
    )
    .option('--max-retries <n>', 'retries per provider', integer(0, 10))
    .option('--retry-base-ms <ms>', 'first backoff', integer(0, 60_000))
    .option('--retry-max-ms <ms>', 'longest backoff', integer(0, 300_000))
    .option('--breaker-threshold <n>', 'failures that open the breaker', integer(1, 1000))
    .option('--breaker-window-ms <ms>', 'window counting failures', integer(1000, 3_600_000))
    .option('--breaker-cooldown-ms <ms>', 'time the breaker stays open', integer(100, 3_600_000))
    .option('--file <path>', 'routing JSON from a file ("-" for stdin); flags override it')
    .description('change routing settings; omitted ones keep their value')
    .action(
      run(async ({ client, json, opts }) => {
        const base = opts.file ? readJsonObject(opts.file) : {};
        /** @type {Record<string, any>} */
        const body = { ...base };
        if (opts.strategy) body.strategy = opts.strategy;
        if (opts.highAvailability !== undefined) body.high_availability = opts.highAvailability;
        if (opts.deadlineMs !== undefined) body.deadline_ms = opts.deadlineMs;
        if (opts.fallback) {
          // model_fallbacks is replaced as a whole by the API: start from the current table.
          const current = base.model_fallbacks
            ? { ...base.model_fallbacks }
            : (await client.request('GET', gatewayPath(opts.gateway, '/routing'))).body
                .model_fallbacks;
          for (const [model, targets] of Object.entries(opts.fallback)) {
            if (targets.length) current[model] = targets;
            else delete current[model];
          }
          body.model_fallbacks = current;
        }
        const retry = defined({
          max_retries: opts.maxRetries,
          base_ms: opts.retryBaseMs,
          max_ms: opts.retryMaxMs,
        });
        if (Object.keys(retry).length) body.retry = { ...(base.retry ?? {}), ...retry };
        const breaker = defined({
          failure_threshold: opts.breakerThreshold,
          window_ms: opts.breakerWindowMs,
          cooldown_ms: opts.breakerCooldownMs,
        });
        if (Object.keys(breaker).length) body.breaker = { ...(base.breaker ?? {}), ...breaker };
        if (Object.keys(body).length === 0)
          throw new UsageError('nothing to set: give at least one flag or --file');
        const { body: updated } = await client.request(
          'PUT',
          gatewayPath(opts.gateway, '/routing'),
          {
            body,
          },
        );
        if (json) return printJson(updated);
        printRouting(updated);
      }),
    );
}

/** `model=a,b` → { model: ['a','b'] }, repeatable. */
function fallback(
  /** @type {string} */ value,
  /** @type {Record<string, string[]> | undefined} */ prev,
) {
  const at = value.indexOf('=');
  if (at < 1) throw new InvalidArgumentError(`expected model=a,b, got "${value}"`);
  const targets = value
    .slice(at + 1)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return { ...prev, [value.slice(0, at).trim()]: targets };
}

/** @param {Record<string, any>} r */
function printRouting(r) {
  const fallbacks = Object.entries(r.model_fallbacks ?? {});
  printFields([
    ['strategy', r.strategy],
    ['high_availability', r.high_availability ? 'yes' : 'no'],
    ['deadline_ms', r.deadline_ms],
    [
      'retry',
      `max_retries=${r.retry.max_retries} base_ms=${r.retry.base_ms} max_ms=${r.retry.max_ms}`,
    ],
    [
      'breaker',
      `failure_threshold=${r.breaker.failure_threshold} window_ms=${r.breaker.window_ms} cooldown_ms=${r.breaker.cooldown_ms}`,
    ],
    [
      'fallbacks',
      fallbacks.length ? fallbacks.map(([m, t]) => `${m} → ${t.join(', ')}`).join('; ') : null,
    ],
  ]);
}
