import { Option } from 'commander';
import { gatewayOption, gatewayPath, run } from '../context.mjs';
import { UsageError } from '../errors.mjs';
import { defined, isoDate, list, pair, readJsonObject } from '../parse.mjs';
import { note, printFields, printJson, printTable } from '../output.mjs';

const LIMITS = [
  'rpm',
  'rph',
  'rpd',
  'tpm',
  'input_tokens_per_day',
  'output_tokens_per_day',
  'max_tokens_per_request',
  'budget_usd_per_day',
  'budget_usd_per_month',
];

/** @param {import('commander').Command} program */
export function registerKeys(program) {
  const keys = program
    .command('keys')
    .alias('key')
    .description("a gateway's keys: allowed models, expiry, rate limits, quotas, budgets");

  keys
    .command('list')
    .addOption(gatewayOption())
    .description("list a gateway's keys")
    .action(
      run(async ({ client, json, opts }) => {
        const { body } = await client.request('GET', gatewayPath(opts.gateway, '/keys'));
        if (json) return printJson(body);
        const rows = body.keys;
        printTable(
          rows,
          [
            { header: 'ID', value: (k) => k.id },
            { header: 'NAME', value: (k) => k.name, max: 30 },
            { header: 'KEY', value: (k) => k.key_hint },
            { header: 'ENABLED', value: (k) => (k.enabled ? 'yes' : 'no') },
            { header: 'EXPIRES', value: (k) => k.expires_at },
            { header: 'MODELS', value: (k) => k.allowed_models, max: 40 },
            { header: 'LIMITS', value: (k) => limitsText(k.limits), max: 50 },
          ],
          'No keys: llm-gateway keys create --gateway <id> --name <name>',
        );
      }),
    );

  keyFields(
    keys
      .command('create')
      .addOption(gatewayOption())
      .requiredOption('-n, --name <name>', 'key name')
      .addOption(
        new Option('--prefix <prefix>', 'key prefix').choices(['gw-', 'sk-', 'sk-ant-', 'gm_']),
      )
      .option('--disabled', 'create it disabled'),
  )
    .description('create a key; the full key is printed once')
    .action(
      run(async ({ client, json, opts }) => {
        const body = keyBody(opts);
        if (opts.prefix) body.prefix = opts.prefix;
        if (opts.disabled) body.enabled = false;
        const { body: created } = await client.request('POST', gatewayPath(opts.gateway, '/keys'), {
          body,
        });
        if (json) return printJson(created);
        printKey(created);
        note('the key is shown only now: store it');
      }),
    );

  keys
    .command('show')
    .addOption(gatewayOption())
    .argument('<key-id>', 'key id')
    .description('show a key (without its secret)')
    .action(
      run(async ({ client, json, opts }, [kid]) => {
        const { body } = await client.request(
          'GET',
          gatewayPath(opts.gateway, `/keys/${encodeURIComponent(kid)}`),
        );
        if (json) return printJson(body);
        printKey(body);
      }),
    );

  keyFields(
    keys
      .command('update')
      .addOption(gatewayOption())
      .argument('<key-id>', 'key id')
      .option('-n, --name <name>', 'new name')
      .option('--enable', 'enable the key')
      .option('--disable', 'disable the key'),
  )
    .description('change a key; only the given fields change')
    .action(
      run(async ({ client, json, opts }, [kid]) => {
        if (opts.enable && opts.disable)
          throw new UsageError('--enable and --disable exclude each other');
        const body = keyBody(opts);
        if (opts.enable) body.enabled = true;
        if (opts.disable) body.enabled = false;
        if (Object.keys(body).length === 0)
          throw new UsageError('nothing to update: give at least one field');
        const { body: updated } = await client.request(
          'PATCH',
          gatewayPath(opts.gateway, `/keys/${encodeURIComponent(kid)}`),
          { body },
        );
        if (json) return printJson(updated);
        printKey(updated);
      }),
    );

  keys
    .command('delete')
    .addOption(gatewayOption())
    .argument('<key-id>', 'key id')
    .option('-y, --yes', 'confirm')
    .description('delete a key; requests with it are refused at once')
    .action(
      run(async ({ client, opts }, [kid]) => {
        if (!opts.yes) throw new UsageError(`deleting key ${kid} needs --yes`);
        await client.request(
          'DELETE',
          gatewayPath(opts.gateway, `/keys/${encodeURIComponent(kid)}`),
        );
        note(`deleted key ${kid}`);
      }),
    );
}

/** Options shared by create and update. @param {import('commander').Command} cmd */
function keyFields(cmd) {
  return cmd
    .option('--models <list>', 'allowed models, comma-separated (patterns like gpt-4o*)', list)
    .option('--providers <list>', 'allowed providers, comma-separated', list)
    .option('--expires <date>', 'expiry, ISO 8601 date-time ("never" removes it)', (v) =>
      v === 'never' ? 'never' : isoDate(v),
    )
    .option(
      '--limit <name=value>',
      `a limit, repeatable ("none" removes it): ${LIMITS.join(', ')}`,
      pair,
    )
    .option('--system-prompt <text>', 'system prompt added to every request ("" removes it)')
    .option('--file <path>', 'JSON body fields from a file ("-" for stdin); flags override it');
}

/** @param {Record<string, any>} opts @returns {Record<string, any>} */
function keyBody(opts) {
  const base = opts.file ? readJsonObject(opts.file) : {};
  /** @type {Record<string, number | null> | undefined} */
  let limits;
  if (opts.limit) {
    limits = /** @type {Record<string, number | null>} */ ({
      .../** @type {any} */ (base.limits ?? {}),
    });
    for (const [name, raw] of Object.entries(/** @type {Record<string, string>} */ (opts.limit))) {
      if (!LIMITS.includes(name))
        throw new UsageError(`unknown limit "${name}" (known: ${LIMITS.join(', ')})`);
      const value = raw === 'none' ? null : Number(raw);
      if (value !== null && (!Number.isFinite(value) || value < 0 || raw === '')) {
        throw new UsageError(`limit ${name} must be a number or "none", got "${raw}"`);
      }
      limits[name] = value;
    }
  }
  return {
    ...base,
    ...defined({
      name: opts.name,
      allowed_models: opts.models,
      allowed_providers: opts.providers,
      expires_at:
        opts.expires === undefined
          ? undefined
          : opts.expires === 'never'
            ? null
            : new Date(opts.expires).toISOString(),
      limits,
      system_prompt: opts.systemPrompt === undefined ? undefined : opts.systemPrompt || null,
    }),
  };
}

/** @param {Record<string, number | null> | undefined} limits */
function limitsText(limits) {
  return Object.entries(limits ?? {})
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

/** @param {Record<string, any>} k */
function printKey(k) {
  printFields([
    ['id', k.id],
    ['name', k.name],
    ...(k.key ? /** @type {[string, unknown][]} */ ([['key', k.key]]) : []),
    ['hint', k.key_hint],
    ['enabled', k.enabled ? 'yes' : 'no'],
    ['expires_at', k.expires_at],
    ['allowed_models', k.allowed_models],
    ['allowed_providers', k.allowed_providers],
    ['limits', limitsText(k.limits)],
    ['system_prompt', k.system_prompt],
    ['created_at', k.created_at],
  ]);
}
