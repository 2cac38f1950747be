import { z } from 'zod';

// ---- Queries -----------------------------------------------------------------------------------

/** The dates the analytics store can answer for: 2000-01-01 (inclusive) to 2200-01-01 (exclusive). */
export const EARLIEST_MS = Date.UTC(2000, 0, 1);
export const LATEST_MS = Date.UTC(2200, 0, 1);

export const GRANULARITIES = ['minute', 'hour', 'day'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/**
 * What a proxied request asked for, whatever API shape it came in: the `operation` column of every
 * analytics row. `count_tokens` and `models` are the token-count and model-list calls; `mcp_tool` a
 * tool call through the gateway's MCP endpoint.
 */
export const OPERATIONS = [
  'chat',
  'embeddings',
  'completions',
  'images',
  'speech',
  'transcription',
  'translation',
  'moderation',
  'rerank',
  'count_tokens',
  'models',
  'mcp_tool',
] as const;
export type Operation = (typeof OPERATIONS)[number];

export const BREAKDOWN_DIMENSIONS = [
  'model',
  'provider',
  'key',
  'status',
  'client_format',
  'operation',
] as const;
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];

export const EXPORT_FORMATS = ['csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

// Dates outside what the store can hold (1970, year -271821, +275760) are the caller's 400.
const isoDate = z
  .string()
  .max(64)
  .refine((s) => {
    const ms = Date.parse(s);
    return ms >= EARLIEST_MS && ms < LATEST_MS;
  }, 'must be an ISO 8601 date from 2000-01-01 to 2199-12-31')
  .transform((s) => new Date(s));

/** `from` after `to` is a mistake worth naming, not an empty answer. */
function ordered(q: { from?: unknown; to?: unknown }): boolean {
  return !(q.from instanceof Date) || !(q.to instanceof Date) || q.from <= q.to;
}
const ORDER = { message: 'from must not be after to', path: ['from'] };

/** `GET /analytics/gateway/:id`. */
export const SummaryQuery = z.object({
  days: z.coerce.number().int().min(1).max(3650).default(7),
  include_logs: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
});
export type SummaryQuery = z.infer<typeof SummaryQuery>;

/** A time range; the API defaults it to the last 24 hours (30 days for the export). */
const range = {
  from: isoDate.optional(),
  to: isoDate.optional(),
};

/** `GET /analytics/gateway/:id/timeseries`. */
export const TimeseriesQuery = z
  .object({
    ...range,
    granularity: z.enum(GRANULARITIES).default('hour'),
  })
  .refine(ordered, ORDER);
export type TimeseriesQuery = z.infer<typeof TimeseriesQuery>;

/** `GET /analytics/gateway/:id/breakdown`. */
export const BreakdownQuery = z
  .object({
    ...range,
    by: z.enum(BREAKDOWN_DIMENSIONS).default('model'),
  })
  .refine(ordered, ORDER);
export type BreakdownQuery = z.infer<typeof BreakdownQuery>;

/** `GET /analytics/gateway/:id/logs`. */
export const LogsQuery = z
  .object({
    ...range,
    status: z
      .string()
      .regex(/^(success|error|\d{3})$/, "must be 'success', 'error' or an HTTP status")
      .transform((s) => (s === 'success' || s === 'error' ? s : Number(s)))
      .optional(),
    model: z.string().max(300).optional(),
    provider: z.string().max(100).optional(),
    key_id: z.string().max(100).optional(),
    operation: z.enum(OPERATIONS).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(50),
    cursor: z.string().max(500).optional(),
  })
  .refine(ordered, ORDER);
export type LogsQuery = z.infer<typeof LogsQuery>;

/** `GET /analytics/gateway/:id/export`. */
export const ExportQuery = z
  .object({
    ...range,
    format: z.enum(EXPORT_FORMATS).default('csv'),
  })
  .refine(ordered, ORDER);
export type ExportQuery = z.infer<typeof ExportQuery>;

// ---- Answers -----------------------------------------------------------------------------------

const int = () => z.number().int();
const isoTimestamp = z.string().describe('ISO 8601 UTC with milliseconds');

/** One request in the summary's `logs`. */
export const SummaryLogEntry = z
  .object({
    id: z.string().describe("the gateway's request id"),
    response_id: z.string().nullable().describe('the upstream response id when known'),
    timestamp: isoTimestamp,
    gateway_id: z.string(),
    model: z
      .string()
      .describe('upstream model, or the requested one when the upstream model is unknown'),
    provider: z.string(),
    tokens_prompt: int(),
    tokens_completion: int(),
    request_type: z.enum(['stream', 'non-stream']),
    status: z.enum(['success', 'error']),
    cost: z.number().nullable(),
    latency: z.number().describe('seconds'),
    error_message: z.string().nullable(),
    http_status_code: int(),
    endpoint: z.string(),
  })
  .meta({ id: 'SummaryLogEntry' });
export type SummaryLogEntry = z.infer<typeof SummaryLogEntry>;

/**
 * `GET /analytics/gateway/:id`: the summary shape of the product this grew from: latencies in
 * SECONDS, rates in PERCENT; every figure is 0 (never null) when the range has no requests.
 */
export const GatewaySummary = z
  .object({
    gateway_id: z.string(),
    date_range: z
      .object({ start_date: z.string(), end_date: z.string(), days: int() })
      .describe('whole UTC days, ISO YYYY-MM-DD, both ends included; end_date is today'),
    summary: z.object({
      total_requests: int(),
      tokens_in: int(),
      tokens_out: int(),
      total_tokens: int().describe('tokens_in + tokens_out'),
      total_cost: z.number().describe('USD; requests with an unknown price count as 0'),
      avg_latency: z.number(),
      min_latency: z.number(),
      max_latency: z.number(),
      error_count: int().describe('requests with HTTP status >= 400'),
      error_rate: z.number(),
      success_rate: z.number().describe('100 - error_rate, or 0 when there were no requests'),
    }),
    model_breakdown: z.record(
      z.string(),
      z.object({
        requests: int(),
        tokens_in: int(),
        tokens_out: int(),
        total_tokens: int(),
        cost: z.number(),
        avg_latency: z.number(),
      }),
    ),
    daily_stats: z
      .array(
        z.object({
          date: z.string(),
          requests: int(),
          tokens_in: int(),
          tokens_out: int(),
          cost: z.number(),
          errors: int(),
          success_rate: z.number(),
        }),
      )
      .describe('one entry per day of the range, oldest first, zero-filled'),
    logs: z
      .array(SummaryLogEntry)
      .nullable()
      .describe('newest requests of the range when `include_logs`, else null'),
  })
  .meta({
    id: 'GatewaySummary',
    description:
      'Latencies in seconds, rates in percent; every figure is 0 (never null) when the range has no requests.',
  });
export type GatewaySummary = z.infer<typeof GatewaySummary>;

/** One bucket. Latencies in ms (null when the bucket has no requests / no TTFT), error_rate in percent (0 when empty). */
export const TimeseriesPoint = z
  .object({
    t: z.string().describe('bucket start, ISO 8601 UTC'),
    requests: int(),
    tokens_in: int(),
    tokens_out: int(),
    cost: z.number(),
    errors: int(),
    error_rate: z.number(),
    latency_p50: z.number().nullable(),
    latency_p95: z.number().nullable(),
    latency_p99: z.number().nullable(),
    ttft_p50: z.number().nullable(),
    ttft_p95: z.number().nullable(),
  })
  .meta({
    id: 'TimeseriesPoint',
    description:
      'One bucket. Latencies in ms (null when the bucket has no requests or no time to first token), error_rate in percent.',
  });
export type TimeseriesPoint = z.infer<typeof TimeseriesPoint>;

/** `GET /analytics/gateway/:id/timeseries`. */
export const TimeseriesResponse = z
  .object({ granularity: z.enum(GRANULARITIES), points: z.array(TimeseriesPoint) })
  .meta({ id: 'TimeseriesResponse' });
export type TimeseriesResponse = z.infer<typeof TimeseriesResponse>;

export const BreakdownRow = z
  .object({
    key: z
      .string()
      .nullable()
      .describe(
        'the model / provider / key id / status code / client format / operation; null for requests without a key',
      ),
    requests: int(),
    tokens_in: int(),
    tokens_out: int(),
    cost: z.number(),
    errors: int(),
    avg_latency_ms: z.number(),
    p95_latency_ms: z.number(),
  })
  .meta({ id: 'BreakdownRow' });
export type BreakdownRow = z.infer<typeof BreakdownRow>;

/** `GET /analytics/gateway/:id/breakdown`. */
export const BreakdownResponse = z
  .object({ by: z.enum(BREAKDOWN_DIMENSIONS), rows: z.array(BreakdownRow) })
  .meta({ id: 'BreakdownResponse' });
export type BreakdownResponse = z.infer<typeof BreakdownResponse>;

const logRowFields = {
  request_id: z.string().describe("the gateway's own id of the request, unique"),
  client_request_id: z
    .string()
    .nullable()
    .describe(
      "the client's `x-request-id` when it sent a valid one (then also its `x-gateway-request-id`)",
    ),
  timestamp: isoTimestamp,
  gateway_id: z.string(),
  key_id: z.string().nullable(),
  user_id: z.string().nullable(),
  endpoint: z
    .string()
    .describe(
      'the path the client called, e.g. `/v1/embeddings` or `/v1beta/models/{model}:embedContent`',
    ),
  operation: z
    .string()
    .describe('what the request asked for (`OPERATIONS`), the same for every API shape'),
  client_format: z.string(),
  provider: z.string(),
  requested_model: z.string(),
  upstream_model: z.string(),
  model: z.string().describe('upstream_model, or requested_model when that is empty'),
  stream: z.boolean(),
  status: int(),
  error_type: z.string().nullable(),
  error_message: z.string().nullable(),
  response_id: z.string().nullable(),
  tokens_in: int(),
  tokens_out: int(),
  tokens_cached: int(),
  tokens_reasoning: int(),
  cost_usd: z.number().nullable(),
  latency_ms: z.number(),
  ttft_ms: z.number().nullable(),
  upstream_latency_ms: z.number().nullable(),
  attempts: int(),
};

/** A row of `GET /analytics/gateway/:id/logs` (and of the live stream's `request` events). */
export const LogRow = z.object(logRowFields).meta({
  id: 'LogRow',
  description: "A recorded request (also the live stream's `request` event).",
});
export type LogRow = z.infer<typeof LogRow>;

/** `GET /analytics/gateway/:id/logs/:requestId`: bodies as stored (text, cut), null when not logged. */
export const LogDetail = z
  .object({
    ...logRowFields,
    request_body: z.string().nullable(),
    response_body: z.string().nullable(),
  })
  .meta({
    id: 'LogDetail',
    description: 'A recorded request with its bodies as stored (text, cut), null when not logged.',
  });
export type LogDetail = z.infer<typeof LogDetail>;

/** `GET /analytics/gateway/:id/logs`. */
export const LogsPage = z
  .object({
    items: z.array(LogRow),
    next_cursor: z
      .string()
      .nullable()
      .describe('pass as `cursor` for the next (older) page; null on the last page'),
  })
  .meta({ id: 'LogsPage' });
export type LogsPage = z.infer<typeof LogsPage>;
