/** Response shapes of the analytics endpoints, as the API sends them. */
export type Granularity = 'minute' | 'hour' | 'day';
export type BreakdownDimension = 'model' | 'provider' | 'key' | 'status' | 'client_format';

export interface TimeseriesPoint {
  t: string;
  requests: number;
  tokens_in: number;
  tokens_out: number;
  cost: number;
  errors: number;
  error_rate: number | null;
  latency_p50: number | null;
  latency_p95: number | null;
  latency_p99: number | null;
  ttft_p50: number | null;
  ttft_p95: number | null;
}

export interface BreakdownRow {
  key: string;
  requests: number;
  tokens_in: number;
  tokens_out: number;
  cost: number;
  errors: number;
  avg_latency_ms: number | null;
  p95_latency_ms: number | null;
}

/** `GET /analytics/gateway/:id` (the seed-compatible summary): latencies in seconds, rates in percent. */
export interface GatewaySummaryResponse {
  gateway_id: string;
  date_range: { start_date: string; end_date: string; days: number };
  summary: {
    total_requests: number;
    tokens_in: number;
    tokens_out: number;
    total_tokens: number;
    total_cost: number;
    avg_latency: number | null;
    min_latency: number | null;
    max_latency: number | null;
    error_count: number;
    error_rate: number | null;
    success_rate: number | null;
  };
  model_breakdown: Record<
    string,
    {
      requests: number;
      tokens_in: number;
      tokens_out: number;
      total_tokens: number;
      cost: number;
      avg_latency: number | null;
    }
  >;
  daily_stats: {
    date: string;
    requests: number;
    tokens_in: number;
    tokens_out: number;
    cost: number;
    errors: number;
    success_rate: number | null;
  }[];
}
