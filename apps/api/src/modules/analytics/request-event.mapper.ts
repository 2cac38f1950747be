import type { LogRow, RequestEvent } from '@gateway/analytics';

/** The live feed's view of an event: the same fields the logs query returns. */
export function eventToLogRow(ev: RequestEvent): LogRow {
  return {
    request_id: ev.requestId,
    timestamp: new Date(ev.timestamp).toISOString(),
    gateway_id: ev.gatewayId,
    key_id: ev.keyId,
    user_id: ev.userId,
    endpoint: ev.endpoint,
    client_format: ev.clientFormat,
    provider: ev.provider,
    requested_model: ev.requestedModel,
    upstream_model: ev.upstreamModel,
    model: ev.upstreamModel || ev.requestedModel,
    stream: ev.stream,
    status: ev.status,
    error_type: ev.errorType,
    error_message: ev.errorMessage,
    response_id: ev.responseId ?? null,
    tokens_in: ev.tokensIn,
    tokens_out: ev.tokensOut,
    tokens_cached: ev.tokensCached,
    tokens_reasoning: ev.tokensReasoning,
    cost_usd: ev.costUsd,
    latency_ms: ev.latencyMs,
    ttft_ms: ev.ttftMs,
    upstream_latency_ms: ev.upstreamLatencyMs,
    attempts: ev.attempts,
  };
}
