// One static statement for every filter combination: an absent filter is bound as '' / 'any' and the
// range and cursor always have values (open ends become the epoch and LOGS_END_MS), so the primary key
// (gateway_id, timestamp, request_id) always prunes, and newest-first reads follow the sort key.

/** Upper bound used for an open-ended range (2200-01-01, inside DateTime64(3)'s range). */
export const LOGS_END_MS = Date.UTC(2200, 0, 1);

const LOG_COLUMNS = `
    request_id,
    client_request_id,
    toUnixTimestamp64Milli(timestamp) AS ts_ms,
    gateway_id,
    key_id,
    user_id,
    endpoint,
    operation,
    client_format,
    provider,
    requested_model,
    upstream_model,
    model,
    stream,
    status,
    error_type,
    error_message,
    response_id,
    tokens_in,
    tokens_out,
    tokens_cached,
    tokens_reasoning,
    cost_usd,
    latency_ms,
    ttft_ms,
    upstream_latency_ms,
    attempts`;

export const LOGS_SQL = `
SELECT${LOG_COLUMNS}
FROM requests
WHERE gateway_id = {gatewayId:String}
  AND timestamp >= fromUnixTimestamp64Milli({fromMs:Int64}, 'UTC')
  AND timestamp < fromUnixTimestamp64Milli({toMs:Int64}, 'UTC')
  AND timestamp <= fromUnixTimestamp64Milli({cursorMs:Int64}, 'UTC')
  AND (timestamp, request_id) < (fromUnixTimestamp64Milli({cursorMs:Int64}, 'UTC'), {cursorId:String})
  AND multiIf(
        {statusMode:String} = 'success', status < 400,
        {statusMode:String} = 'error', status >= 400,
        {statusMode:String} = 'code', status = {statusCode:UInt16},
        1)
  AND ({model:String} = '' OR model = {model:String} OR requested_model = {model:String})
  AND ({provider:String} = '' OR provider = {provider:String})
  AND ({keyId:String} = '' OR key_id = {keyId:String})
  AND ({operation:String} = '' OR operation = {operation:String})
ORDER BY timestamp DESC, request_id DESC
LIMIT {limit:UInt32}`;

export const LOG_DETAIL_SQL = `
SELECT${LOG_COLUMNS},
    request_body,
    response_body
FROM requests
WHERE gateway_id = {gatewayId:String}
  AND (request_id = {requestId:String} OR client_request_id = {requestId:String})
ORDER BY request_id = {requestId:String} DESC, timestamp DESC
LIMIT 1`;

export interface LogSqlRow {
  request_id: string;
  client_request_id: string | null;
  ts_ms: number | string;
  gateway_id: string;
  key_id: string | null;
  user_id: string | null;
  endpoint: string;
  operation: string;
  client_format: string;
  provider: string;
  requested_model: string;
  upstream_model: string;
  model: string;
  stream: boolean | number;
  status: number | string;
  error_type: string | null;
  error_message: string | null;
  response_id: string | null;
  tokens_in: number | string;
  tokens_out: number | string;
  tokens_cached: number | string;
  tokens_reasoning: number | string;
  cost_usd: number | string | null;
  latency_ms: number | string;
  ttft_ms: number | string | null;
  upstream_latency_ms: number | string | null;
  attempts: number | string;
}

export interface LogDetailSqlRow extends LogSqlRow {
  request_body: string | null;
  response_body: string | null;
}
