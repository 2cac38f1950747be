import type { BreakdownDimension } from './queries/breakdown.query';
import type { Granularity } from './queries/time-range';

/** The summary shape of the product this grew from: latencies in SECONDS, rates in PERCENT. */
export interface SeedGatewayAnalytics {
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
  /** newest SEED_LOGS_LIMIT requests of the range when asked for, else null */
  logs: SeedLogEntry[] | null;
}

export interface SeedLogEntry {
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

export interface TimeseriesQuery {
  from: Date;
  to: Date;
  granularity: Granularity;
}

/** One bucket. Latencies in ms (null when the bucket has no requests / no TTFT), error_rate in percent. */
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

export interface BreakdownQuery {
  by: BreakdownDimension;
  from: Date;
  to: Date;
}

export interface BreakdownRow {
  /** the model / provider / key id / status code / client format; null for requests without a key */
  key: string | null;
  requests: number;
  tokens_in: number;
  tokens_out: number;
  cost: number;
  errors: number;
  avg_latency_ms: number;
  p95_latency_ms: number;
}

export interface LogsQuery {
  from?: Date;
  to?: Date;
  /** 'success' = status < 400, 'error' = status >= 400, a number = that exact status */
  status?: 'success' | 'error' | number;
  /** matches the effective model or the requested model */
  model?: string;
  provider?: string;
  keyId?: string;
  /** default 50, at most 1000 */
  limit?: number;
  /** next_cursor of the previous page */
  cursor?: string;
}

export interface LogRow {
  request_id: string;
  /** ISO 8601 UTC with milliseconds */
  timestamp: string;
  gateway_id: string;
  key_id: string | null;
  user_id: string | null;
  endpoint: string;
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

export interface LogDetail extends LogRow {
  request_body: string | null;
  response_body: string | null;
}

export interface LogsPage {
  items: LogRow[];
  next_cursor: string | null;
}

export interface ExportQuery {
  from: Date;
  to: Date;
  format: 'csv' | 'json';
}
