import { gatewayOption, gatewayPath, run } from '../context.mjs';
import { CheckFailed, UsageError } from '../errors.mjs';
import { defined, integer, list, pair, readJsonObject, readStdinLine } from '../parse.mjs';
import { note, printFields, printJson, printTable } from '../output.mjs';

/** @param {import('commander').Command} program */
export function registerProviders(program) {
  const providers = program
    .command('providers')
    .alias('provider')
    .description("a gateway's own providers (bring your own key), priority, weight, models");

  /** @param {string} pid @param {string} gw @param {string} [rest] */
  const path = (gw, pid, rest = '') =>
    gatewayPath(gw, `/providers/${encodeURIComponent(pid)}${rest}`);

  providers
    .command('list')
    .addOption(gatewayOption())
    .description("list a gateway's providers")
    .action(
      run(async ({ client, json, opts }) => {
        const { body } = await client.request('GET', gatewayPath(opts.gateway, '/providers'));
        if (json) return printJson(body);
        printTable(
          body.providers,
          [
            { header: 'ID', value: (p) => p.id },
            { header: 'TYPE', value: (p) => p.provider },
            { header: 'NAME', value: (p) => p.name, max: 30 },
            { header: 'PRIORITY', value: (p) => p.priority, align: 'right' },
            { header: 'WEIGHT', value: (p) => p.weight, align: 'right' },
            { header: 'ENABLED', value: (p) => (p.enabled ? 'yes' : 'no') },
            { header: 'KEY', value: (p) => (p.key_last4 ? `…${p.key_last4}` : null) },
            { header: 'MODELS', value: (p) => p.models, max: 40 },
            { header: 'BASE_URL', value: (p) => p.base_url, max: 50 },
          ],
          "No providers: the gateway uses the operator's environment credentials. Add one with llm-gateway providers add",
        );
      }),
    );

  providerFields(
    providers
      .command('add')
      .addOption(gatewayOption())
      .requiredOption('-t, --type <provider>', 'provider type: openai, anthropic, gemini, groq, …')
      .option('--disabled', 'add it disabled'),
  )
    .description('add a provider to a gateway')
    .action(
      run(async ({ client, json, opts }) => {
        const body = providerBody(opts);
        body.provider = opts.type;
        if (opts.disabled) body.enabled = false;
        const { body: created } = await client.request(
          'POST',
          gatewayPath(opts.gateway, '/providers'),
          { body },
        );
        if (json) return printJson(created);
        printProvider(created);
      }),
    );

  providers
    .command('show')
    .addOption(gatewayOption())
    .argument('<provider-id>', 'provider id')
    .description('show a provider')
    .action(
      run(async ({ client, json, opts }, [pid]) => {
        const { body } = await client.request('GET', path(opts.gateway, pid));
        if (json) return printJson(body);
        printProvider(body);
      }),
    );

  providerFields(
    providers
      .command('update')
      .addOption(gatewayOption())
      .argument('<provider-id>', 'provider id')
      .option('-t, --type <provider>', 'provider type')
      .option('--enable', 'enable it')
      .option('--disable', 'disable it'),
  )
    .description('change a provider; only the given fields change')
    .action(
      run(async ({ client, json, opts }, [pid]) => {
        if (opts.enable && opts.disable)
          throw new UsageError('--enable and --disable exclude each other');
        const body = providerBody(opts);
        if (opts.type) body.provider = opts.type;
        if (opts.enable) body.enabled = true;
        if (opts.disable) body.enabled = false;
        if (Object.keys(body).length === 0)
          throw new UsageError('nothing to update: give at least one field');
        const { body: updated } = await client.request('PATCH', path(opts.gateway, pid), { body });
        if (json) return printJson(updated);
        printProvider(updated);
      }),
    );

  providers
    .command('delete')
    .addOption(gatewayOption())
    .argument('<provider-id>', 'provider id')
    .option('-y, --yes', 'confirm')
    .description('delete a provider')
    .action(
      run(async ({ client, opts }, [pid]) => {
        if (!opts.yes) throw new UsageError(`deleting provider ${pid} needs --yes`);
        await client.request('DELETE', path(opts.gateway, pid));
        note(`deleted provider ${pid}`);
      }),
    );

  providers
    .command('test')
    .addOption(gatewayOption())
    .argument('<provider-id>', 'provider id')
    .description('test the connection and credentials (exit 1 when the test fails)')
    .action(
      run(async ({ client, json, opts }, [pid]) => {
        const { body } = await client.request('POST', path(opts.gateway, pid, '/test'));
        if (json) printJson(body);
        else printFields(Object.entries(body));
        if (!body.ok)
          throw new CheckFailed(`provider test failed: ${body.error ?? `status ${body.status}`}`);
      }),
    );

  providers
    .command('models')
    .addOption(gatewayOption())
    .argument('<provider-id>', 'provider id')
    .description("fetch the provider's model list")
    .action(
      run(async ({ client, json, opts }, [pid]) => {
        const { body } = await client.request('GET', path(opts.gateway, pid, '/models'));
        if (json) return printJson(body);
        printTable(
          body.models,
          [
            { header: 'MODEL', value: (m) => m.id },
            { header: 'IN_CATALOG', value: (m) => (m.in_catalog ? 'yes' : 'no') },
          ],
          'The provider lists no models.',
        );
      }),
    );

  providers
    .command('health')
    .addOption(gatewayOption())
    .description('live circuit breaker, latency and concurrency state of each provider')
    .action(
      run(async ({ client, json, opts }) => {
        const { body } = await client.request(
          'GET',
          gatewayPath(opts.gateway, '/providers/health'),
        );
        if (json) return printJson(body);
        printTable(
          body.providers,
          [
            { header: 'ID', value: (p) => p.provider_config_id },
            { header: 'NAME', value: (p) => p.name, max: 30 },
            { header: 'TYPE', value: (p) => p.provider },
            { header: 'STATE', value: (p) => p.state },
            { header: 'FAILURES', value: (p) => p.failures, align: 'right' },
            {
              header: 'LATENCY_MS',
              value: (p) => (p.latency_avg_ms === null ? null : Math.round(p.latency_avg_ms)),
              align: 'right',
            },
            {
              header: 'CONCURRENCY',
              value: (p) =>
                `${p.concurrency.in_flight}/${p.concurrency.limit} (${p.concurrency.mode}, ${p.concurrency.queued} queued)`,
            },
          ],
          'No providers of its own.',
        );
      }),
    );
}

/** @param {import('commander').Command} cmd */
function providerFields(cmd) {
  return cmd
    .option('-n, --name <name>', 'display name')
    .option('--base-url <url>', 'base URL as in the provider SDK ("default" resets it)')
    .option(
      '--api-key <key>',
      'the provider API key (prefer --api-key-stdin: flags land in shell history)',
    )
    .option('--api-key-stdin', 'read the API key from the first line of stdin')
    .option('--models <list>', 'models served through it, comma-separated (empty: all)', list)
    .option('--map <from=to>', 'model mapping, repeatable', pair)
    .option('--priority <n>', 'priority (higher first)', integer(-1000, 1000))
    .option('--weight <n>', 'weight for round robin', integer(0, 1000))
    .option('--timeout-ms <ms>', 'request timeout', integer(100, 3_600_000))
    .option('--max-retries <n>', 'retries on this provider', integer(0, 10))
    .option('--proxy-url <url>', 'HTTP/HTTPS/SOCKS5 proxy ("none" removes it)')
    .option(
      '--file <path>',
      'JSON body fields from a file ("-" for stdin), e.g. concurrency; flags override it',
    );
}

/** @param {Record<string, any>} opts @returns {Record<string, any>} */
function providerBody(opts) {
  const base = opts.file ? readJsonObject(opts.file) : {};
  if (opts.apiKey && opts.apiKeyStdin)
    throw new UsageError('--api-key and --api-key-stdin exclude each other');
  return {
    ...base,
    ...defined({
      name: opts.name,
      base_url: opts.baseUrl === 'default' ? null : opts.baseUrl,
      api_key: opts.apiKeyStdin ? readStdinLine() : opts.apiKey,
      models: opts.models,
      model_mapping: opts.map,
      priority: opts.priority,
      weight: opts.weight,
      timeout_ms: opts.timeoutMs,
      max_retries: opts.maxRetries,
      proxy_url: opts.proxyUrl === 'none' ? null : opts.proxyUrl,
    }),
  };
}

/** @param {Record<string, any>} p */
function printProvider(p) {
  printFields([
    ['id', p.id],
    ['type', p.provider],
    ['name', p.name],
    ['enabled', p.enabled ? 'yes' : 'no'],
    ['base_url', p.base_url],
    ['key', p.key_last4 ? `…${p.key_last4}` : null],
    ['models', p.models],
    ['model_mapping', Object.keys(p.model_mapping ?? {}).length ? p.model_mapping : null],
    ['priority', p.priority],
    ['weight', p.weight],
    ['timeout_ms', p.timeout_ms],
    ['max_retries', p.max_retries],
    ['proxy_url', p.proxy_url],
    ['concurrency', p.concurrency],
  ]);
}
