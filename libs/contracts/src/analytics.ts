import { z } from 'zod';

// ---- Queries -----------------------------------------------------------------------------------

/** The dates the analytics store can answer for: 2000-01-01 (inclusive) to 2200-01-01 (exclusive). */
export const EARLIEST_MS = Date.UTC(2000, 0, 1);
export const LATEST_MS = Date.UTC(2200, 0, 1);

export const GRANULARITIES = ['minute', 'hour', 'day'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/**
 * What a proxied request asked for, whatever API shape it came in: the `operation` column of every
 * analytics row. `count_tokens` and `models` are the token-count and model-list calls.
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

/**
 * `GET /analytics/gateway/:id`: the summary shape of the product this grew from: latencies in
 * SECONDS, rates in PERCENT; every figure is 0 (never null) when the range has no requests.
 */
export interface GatewaySummary {
  gateway_id: string;
  /** whole UTC days, ISO YYYY-MM-DD, both ends included; end_date is the day of `now` */
  date_range: { start_date: string; end_date: string; days: number };
  summary: {
    total_requests: number;
    tokens_in: number;
    tokens_out: number;
    /** tokens_in + tokens_out */
    total_tokens: number;
    /** USD; requests with an unknown price count as 0 */
    total_cost: number;
    avg_latency: number;
    min_latency: number;
    max_latency: number;
    /** requests with HTTP status >= 400 */
    error_count: number;
    error_rate: number;
    /** 100 - error_rate, or 0 when there were no requests */
    success_rate: number;
  };
  model_breakdown: Record<
    string,
    {
      requests: number;
      tokens_in: number;
      tokens_out: number;
      total_tokens: number;
      cost: number;
      avg_latency: number;
    }
  >;
  /** one entry per day of the range, oldest first, zero-filled */
  daily_stats: {
    date: string;
    requests: number;
    tokens_in: number;
    tokens_out: number;
    cost: number;
    errors: number;
    success_rate: number;
  }[];
  /** newest requests of the range (at most SEED_LOGS_LIMIT) when `include_logs`, else null */
  logs: SummaryLogEntry[] | null;
}

/** One request in the summary's `logs`. */
export interface SummaryLogEntry {
  /** the gateway's request id */
  id: string;
  /** the upstream response id when known */
  response_id: string | null;
  /** ISO 8601 UTC with milliseconds */
  timestamp: string;
  gateway_id: string;
  /** upstream model, or the requested one when the upstream model is unknown */
  model: string;
  provider: string;
  tokens_prompt: number;
  tokens_completion: number;
  request_type: 'stream' | 'non-stream';
  status: 'success' | 'error';
  cost: number | null;
  /** seconds */
  latency: number;
  error_message: string | null;
  http_status_code: number;
  endpoint: string;
}

/** One bucket. Latencies in ms (null when the bucket has no requests / no TTFT), error_rate in percent (0 when empty). */
export interface TimeseriesPoint {
  /** bucket start, ISO 8601 UTC */
  t: string;
  requests: number;
  tokens_in: number;
  tokens_out: number;
  cost: number;
  errors: number;
  error_rate: number;
  latency_p50: number | null;
  latency_p95: number | null;
  latency_p99: number | null;
  ttft_p50: number | null;
  ttft_p95: number | null;
}

/** `GET /analytics/gateway/:id/timeseries`. */
export interface TimeseriesResponse {
  granularity: Granularity;
  points: TimeseriesPoint[];
}

export interface BreakdownRow {
  /** the model / provider / key id / status code / client format / operation; null for requests without a key */
  key: string | null;
  requests: number;
  tokens_in: number;
  tokens_out: number;
  cost: number;
  errors: number;
  avg_latency_ms: number;
  p95_latency_ms: number;
}

/** `GET /analytics/gateway/:id/breakdown`. */
export interface BreakdownResponse {
  by: BreakdownDimension;
  rows: BreakdownRow[];
}

/** A row of `GET /analytics/gateway/:id/logs` (and of the live stream's `request` events). */
export interface LogRow {
  request_id: string;
  /** ISO 8601 UTC with milliseconds */
  timestamp: string;
  gateway_id: string;
  key_id: string | null;
  user_id: string | null;
  /** the path the client called, e.g. `/v1/embeddings` or `/v1beta/models/{model}:embedContent` */
  endpoint: string;
  /** what the request asked for (`OPERATIONS`), the same for every API shape */
  operation: string;
  client_format: string;
  provider: string;
  requested_model: string;
  upstream_model: string;
  /** upstream_model, or requested_model when that is empty */
  model: string;
  stream: boolean;
  status: number;
  error_type: string | null;
  error_message: string | null;
  response_id: string | null;
  tokens_in: number;
  tokens_out: number;
  tokens_cached: number;
  tokens_reasoning: number;
  cost_usd: number | null;
  latency_ms: number;
  ttft_ms: number | null;
  upstream_latency_ms: number | null;
  attempts: number;
}

/** `GET /analytics/gateway/:id/logs/:requestId`: bodies as stored (text, cut), null when not logged. */
export interface LogDetail extends LogRow {
  request_body: string | null;
  response_body: string | null;
}

/** `GET /analytics/gateway/:id/logs`. */
export interface LogsPage {
  items: LogRow[];
  /** pass as `cursor` for the next (older) page; null on the last page */
  next_cursor: string | null;
}
