export interface LogRow {
  request_id: string;
  timestamp: string;
  endpoint: string;
  client_format: string;
  provider: string;
  requested_model: string;
  upstream_model: string;
  stream: boolean;
  status: number;
  error_type: string | null;
  error_message: string | null;
  tokens_in: number;
  tokens_out: number;
  tokens_cached: number;
  tokens_reasoning: number;
  cost_usd: number | null;
  latency_ms: number;
  ttft_ms: number | null;
  upstream_latency_ms: number | null;
  attempts: number;
  key_id: string | null;
}

export interface LogDetail extends LogRow {
  request_body: unknown;
  response_body: unknown;
}

export interface LogsPage {
  items: LogRow[];
  next_cursor: string | null;
}
