import type { AttemptOutcome, AttemptStart, RequestOutcome, RequestStart } from './trace.types';

// OpenTelemetry GenAI semantic conventions (development status), as of semconv 1.37+:
// https://opentelemetry.io/docs/specs/semconv/gen-ai/gen-ai-spans/ (span name, kind, attributes) and
// https://opentelemetry.io/docs/specs/semconv/registry/attributes/gen-ai/ (provider names).
// Written out rather than imported from @opentelemetry/semantic-conventions/incubating, which the
// package itself advises copying, and which would load a large module for a dozen strings.

export type SpanAttributes = Record<string, string | number | boolean | string[]>;

/** Gateway provider ids whose GenAI provider name differs (the registry's well-known values). */
const PROVIDER_NAMES: Readonly<Record<string, string>> = Object.assign(Object.create(null), {
  azure: 'azure.ai.openai',
  azure_ai: 'azure.ai.inference',
  bedrock: 'aws.bedrock',
  gemini: 'gcp.gemini',
  vertex_ai: 'gcp.vertex_ai',
  mistral: 'mistral_ai',
  xai: 'x_ai',
  watsonx: 'ibm.watsonx.ai',
}) as Record<string, string>;

/** `gen_ai.provider.name` of a gateway provider id: the well-known value, else the id itself. */
export function providerName(providerId: string): string {
  return PROVIDER_NAMES[providerId] ?? providerId;
}

/**
 * `gen_ai.operation.name`: Gemini's generateContent is `generate_content`, the chat-style APIs
 * (Chat Completions, Responses, Messages) are `chat`; token counting has no registered name.
 */
export function operationName(format: string, endpoint: string): string {
  if (endpoint.endsWith('count_tokens') || endpoint.endsWith(':countTokens')) return 'count_tokens';
  return format === 'gemini' ? 'generate_content' : 'chat';
}

/** `{gen_ai.operation.name} {gen_ai.request.model}`, or the operation alone while the model is unknown. */
export function spanName(operation: string, model: string | undefined): string {
  return model ? `${operation} ${model}` : operation;
}

export function requestStartAttributes(start: RequestStart, operation: string): SpanAttributes {
  return {
    'gen_ai.operation.name': operation,
    'http.request.method': 'POST',
    'http.route': start.endpoint,
    'url.path': start.endpoint,
  };
}

function usageAttributes(out: SpanAttributes, usage: RequestOutcome['usage']): void {
  if (!usage) return;
  out['gen_ai.usage.input_tokens'] = usage.inputTokens;
  out['gen_ai.usage.output_tokens'] = usage.outputTokens;
  if (usage.cachedInputTokens > 0)
    out['gen_ai.usage.cache_read.input_tokens'] = usage.cachedInputTokens;
  if (usage.cacheWriteTokens > 0)
    out['gen_ai.usage.cache_creation.input_tokens'] = usage.cacheWriteTokens;
  if (usage.reasoningTokens > 0)
    out['gen_ai.usage.reasoning.output_tokens'] = usage.reasoningTokens;
}

/** `error.type`: the gateway's error code, else the HTTP status of a failed answer. */
function errorType(status: number, type: string | null | undefined): string | undefined {
  if (type) return type;
  return status >= 400 ? String(status) : undefined;
}

/** The request span's attributes once the answer is complete (gateway ones under `llm_gateway.*`). */
export function requestEndAttributes(o: RequestOutcome): SpanAttributes {
  const out: SpanAttributes = {
    'http.response.status_code': o.status,
    'llm_gateway.request_id': o.requestId,
    'llm_gateway.attempts': o.attempts,
    'llm_gateway.stream': o.stream,
  };
  if (o.requestedModel) out['gen_ai.request.model'] = o.requestedModel;
  if (o.provider) out['gen_ai.provider.name'] = providerName(o.provider);
  if (o.provider) out['llm_gateway.provider'] = o.provider;
  if (o.responseModel) out['gen_ai.response.model'] = o.responseModel;
  if (o.responseId) out['gen_ai.response.id'] = o.responseId;
  if (o.finishReasons?.length) out['gen_ai.response.finish_reasons'] = o.finishReasons;
  usageAttributes(out, o.usage);
  const error = errorType(o.status, o.errorType);
  if (error) out['error.type'] = error;
  if (o.clientRequestId) out['llm_gateway.client_request_id'] = o.clientRequestId;
  if (o.gatewayId) out['llm_gateway.gateway_id'] = o.gatewayId;
  if (o.keyId) out['llm_gateway.key_id'] = o.keyId;
  if (o.costUsd !== null) out['llm_gateway.cost_usd'] = o.costUsd;
  return out;
}

/** An attempt span's attributes at its start: the upstream's host, never its full URL (it may hold a key). */
export function attemptStartAttributes(a: AttemptStart, operation: string): SpanAttributes {
  const port = a.url.port ? Number(a.url.port) : a.url.protocol === 'https:' ? 443 : 80;
  return {
    'gen_ai.operation.name': operation,
    'gen_ai.provider.name': providerName(a.provider),
    'gen_ai.request.model': a.model,
    'llm_gateway.provider': a.provider,
    'llm_gateway.attempt': a.number,
    'http.request.method': 'POST',
    'server.address': a.url.hostname,
    'server.port': port,
  };
}

export function attemptEndAttributes(o: AttemptOutcome): SpanAttributes {
  const out: SpanAttributes = {};
  if (o.status !== undefined) out['http.response.status_code'] = o.status;
  if (o.responseId) out['gen_ai.response.id'] = o.responseId;
  if (o.finishReasons?.length) out['gen_ai.response.finish_reasons'] = o.finishReasons;
  usageAttributes(out, o.usage);
  const error = errorType(o.status ?? 0, o.errorType);
  if (error) out['error.type'] = error;
  return out;
}
