import { Option } from 'commander';
import { gatewayOption, run } from '../context.mjs';
import { integer, isoDate } from '../parse.mjs';
import { int, money, note, print, printFields, printJson, printTable } from '../output.mjs';

/** @param {import('commander').Command} cmd */
function withRange(cmd) {
  return cmd
    .option('--from <date>', 'start, ISO 8601 (default: 24 hours before --to)', isoDate)
    .option('--to <date>', 'end, ISO 8601 (default: now)', isoDate);
}

/** @param {import('commander').Command} program */
export function registerAnalytics(program) {
  const analytics = program
    .command('analytics')
    .description('requests, tokens, cost and latency of a gateway');

  analytics
    .command('summary')
    .addOption(gatewayOption())
    .option('--days <n>', 'whole UTC days back, today included', integer(1, 3650), 7)
    .description('totals and per-model figures of the last N days')
    .action(
      run(async ({ client, json, opts }) => {
        const { body } = await client.request('GET', analyticsPath(opts.gateway), {
          query: { days: opts.days },
        });
        if (json) return printJson(body);
        const s = body.summary;
        printFields([
          [
            'range',
            `${body.date_range.start_date} … ${body.date_range.end_date} (${body.date_range.days} days)`,
          ],
          ['requests', int(s.total_requests)],
          ['tokens_in', int(s.tokens_in)],
          ['tokens_out', int(s.tokens_out)],
          ['cost', money(s.total_cost)],
          ['avg_latency', `${s.avg_latency.toFixed(3)} s`],
          ['errors', `${int(s.error_count)} (${s.error_rate.toFixed(1)} %)`],
        ]);
        const models = Object.entries(body.model_breakdown ?? {});
        if (models.length) {
          print('');
          printTable(
            models,
            [
              { header: 'MODEL', value: ([m]) => m, max: 50 },
              { header: 'REQUESTS', value: ([, r]) => int(r.requests), align: 'right' },
              { header: 'TOKENS_IN', value: ([, r]) => int(r.tokens_in), align: 'right' },
              { header: 'TOKENS_OUT', value: ([, r]) => int(r.tokens_out), align: 'right' },
              { header: 'COST', value: ([, r]) => money(r.cost), align: 'right' },
              {
                header: 'AVG_LATENCY_S',
                value: ([, r]) => r.avg_latency.toFixed(3),
                align: 'right',
              },
            ],
            '',
          );
        }
      }),
    );

  withRange(
    analytics
      .command('timeseries')
      .addOption(gatewayOption())
      .addOption(
        new Option('--granularity <unit>', 'bucket size')
          .choices(['minute', 'hour', 'day'])
          .default('hour'),
      ),
  )
    .description('requests, tokens, cost, errors and latency percentiles per bucket')
    .action(
      run(async ({ client, json, opts }) => {
        const { body } = await client.request('GET', analyticsPath(opts.gateway, '/timeseries'), {
          query: { from: opts.from, to: opts.to, granularity: opts.granularity },
        });
        if (json) return printJson(body);
        const points = body.points;
        printTable(
          points,
          [
            { header: 'TIME', value: (p) => p.t },
            { header: 'REQUESTS', value: (p) => int(p.requests), align: 'right' },
            { header: 'TOKENS_IN', value: (p) => int(p.tokens_in), align: 'right' },
            { header: 'TOKENS_OUT', value: (p) => int(p.tokens_out), align: 'right' },
            { header: 'COST', value: (p) => money(p.cost), align: 'right' },
            { header: 'ERRORS', value: (p) => int(p.errors), align: 'right' },
            { header: 'P50_MS', value: (p) => int(p.latency_p50), align: 'right' },
            { header: 'P95_MS', value: (p) => int(p.latency_p95), align: 'right' },
          ],
          'No buckets in this range.',
        );
      }),
    );

  withRange(
    analytics
      .command('breakdown')
      .addOption(gatewayOption())
      .addOption(
        new Option('--by <dimension>', 'group by')
          .choices(['model', 'provider', 'key', 'status', 'client_format', 'operation'])
          .default('model'),
      ),
  )
    .description('figures grouped by model, provider, key, status, client format or operation')
    .action(
      run(async ({ client, json, opts }) => {
        const { body } = await client.request('GET', analyticsPath(opts.gateway, '/breakdown'), {
          query: { from: opts.from, to: opts.to, by: opts.by },
        });
        if (json) return printJson(body);
        const rows = body.rows;
        printTable(
          rows,
          [
            { header: String(opts.by).toUpperCase(), value: (r) => r.key, max: 50 },
            { header: 'REQUESTS', value: (r) => int(r.requests), align: 'right' },
            { header: 'TOKENS_IN', value: (r) => int(r.tokens_in), align: 'right' },
            { header: 'TOKENS_OUT', value: (r) => int(r.tokens_out), align: 'right' },
            { header: 'COST', value: (r) => money(r.cost), align: 'right' },
            { header: 'ERRORS', value: (r) => int(r.errors), align: 'right' },
            { header: 'AVG_MS', value: (r) => int(r.avg_latency_ms), align: 'right' },
            { header: 'P95_MS', value: (r) => int(r.p95_latency_ms), align: 'right' },
          ],
          'No requests in this range.',
        );
      }),
    );

  withRange(
    analytics
      .command('logs')
      .addOption(gatewayOption())
      .option('--status <status>', "'success', 'error' or an HTTP status")
      .option('--model <model>', 'requested or served model')
      .option('--provider <provider>', 'provider id')
      .option('--key <key-id>', 'gateway key id')
      .option('--operation <operation>', 'chat, embeddings, completions, images, speech, rerank, …')
      .option('--limit <n>', 'rows per page', integer(1, 1000), 50)
      .option('--cursor <cursor>', 'next page (printed after a full page)'),
  )
    .description('recent requests, newest first')
    .action(
      run(async ({ client, json, opts }) => {
        const { body } = await client.request('GET', analyticsPath(opts.gateway, '/logs'), {
          query: {
            from: opts.from,
            to: opts.to,
            status: opts.status,
            model: opts.model,
            provider: opts.provider,
            key_id: opts.key,
            operation: opts.operation,
            limit: opts.limit,
            cursor: opts.cursor,
          },
        });
        if (json) return printJson(body);
        printTable(
          body.items,
          [
            { header: 'TIME', value: (r) => r.timestamp },
            { header: 'STATUS', value: (r) => r.status },
            { header: 'MODEL', value: (r) => r.model, max: 40 },
            { header: 'OPERATION', value: (r) => r.operation },
            { header: 'PROVIDER', value: (r) => r.provider },
            { header: 'TOKENS_IN', value: (r) => int(r.tokens_in), align: 'right' },
            { header: 'TOKENS_OUT', value: (r) => int(r.tokens_out), align: 'right' },
            { header: 'COST', value: (r) => money(r.cost_usd), align: 'right' },
            { header: 'LATENCY_MS', value: (r) => int(r.latency_ms), align: 'right' },
            { header: 'REQUEST_ID', value: (r) => r.request_id },
          ],
          'No requests in this range.',
        );
        if (body.next_cursor) note(`more: --cursor ${body.next_cursor}`);
      }),
    );

  analytics
    .command('request')
    .addOption(gatewayOption())
    .argument('<request-id>', 'x-gateway-request-id of the request')
    .description('one request in full (bodies when the gateway logs them)')
    .action(
      run(async ({ client, json, opts }, [rid]) => {
        const { body } = await client.request(
          'GET',
          analyticsPath(opts.gateway, `/logs/${encodeURIComponent(rid)}`),
        );
        if (json) return printJson(body);
        printFields(Object.entries(body));
      }),
    );
}

/** @param {string} id @param {string} [rest] */
export function analyticsPath(id, rest = '') {
  return `/analytics/gateway/${encodeURIComponent(id)}${rest}`;
}
