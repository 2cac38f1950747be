import type { RequestEvent } from '@gateway/analytics';
import { meteredCostUsd } from '@gateway/routing';
import type { RequestOutcome } from '../tracing/trace.types';
import type { ProxyCall } from './proxy-call';
import { NO_USAGE } from './usage';

function ms(from: number | undefined, to: number | undefined): number | null {
  return from === undefined || to === undefined ? null : Math.max(0, to - from);
}

/**
 * Prices the call from the model table, in the units it used (tokens, images, seconds, characters,
 * queries); an unknown price (or usage the table cannot price) stays null.
 */
export function callCost(call: ProxyCall): number | null {
  const measured = call.usage ?? (call.units ? NO_USAGE : undefined);
  if (!call.resolved || !measured) return measured || call.status < 400 ? null : 0;
  try {
    return meteredCostUsd(call.pricing ?? call.resolved.entry.pricing, measured, call.units);
  } catch {
    return null;
  }
}

/** The analytics event of a finished call: tokens, cost, latencies; never a secret or prompt text. */
export function callToEvent(call: ProxyCall, endedAt: number, wallClockMs: number): RequestEvent {
  const usage = call.usage ?? NO_USAGE;
  return {
    timestamp: wallClockMs - (endedAt - call.startedAt),
    requestId: call.requestId,
    clientRequestId: call.clientRequestId ?? null,
    gatewayId: call.gateway!.gatewayId,
    keyId: call.keyId ?? null,
    userId: call.gateway!.userId,
    endpoint: call.endpoint,
    ...(call.method ? { method: call.method } : {}),
    operation: call.operation,
    clientFormat: call.format,
    provider: call.resolved?.provider.id ?? '',
    requestedModel: call.requestedModel,
    upstreamModel: call.resolved?.entry.upstreamId ?? '',
    stream: call.stream,
    status: call.status,
    errorType: call.errorType,
    errorMessage: call.errorMessage,
    tokensIn: usage.inputTokens,
    tokensOut: usage.outputTokens,
    tokensCached: usage.cachedInputTokens,
    tokensReasoning: usage.reasoningTokens,
    costUsd: callCost(call),
    latencyMs: endedAt - call.startedAt,
    ttftMs: call.stream ? ms(call.startedAt, call.firstTokenAt) : null,
    upstreamLatencyMs: ms(call.upstreamStartedAt, call.upstreamEndedAt),
    attempts: call.attempts,
    responseId: call.responseId ?? null,
    requestBody: call.requestBody ?? null,
    responseBody: call.responseBody ?? null,
  };
}

/** The request span's outcome: the same facts as the analytics event, for the trace. */
export function callToTraceOutcome(call: ProxyCall): RequestOutcome {
  return {
    requestId: call.requestId,
    clientRequestId: call.clientRequestId,
    gatewayId: call.gateway?.gatewayId,
    keyId: call.keyId,
    stream: call.stream,
    requestedModel: call.requestedModel,
    provider: call.resolved?.provider.id,
    responseModel: call.resolved?.entry.upstreamId,
    status: call.status,
    errorType: call.errorType,
    usage: call.usage,
    responseId: call.responseId,
    finishReasons: call.finishReasons,
    attempts: call.attempts,
    costUsd: callCost(call),
  };
}
