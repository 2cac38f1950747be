// https://platform.openai.com/docs/api-reference/responses/object (usage)
import type { CanonicalUsage } from '../canonical/types';
import type { UsageCodec } from '../codec';
import { asRecord, num } from '../shared/json';
import { usageObject } from '../shared/usage';

// Responses: same semantics as Chat, renamed.
export function usageFromResponses(u: unknown): CanonicalUsage {
  const r = asRecord(u);
  const id = asRecord(r.input_tokens_details);
  const od = asRecord(r.output_tokens_details);
  return {
    inputTokens: num(r.input_tokens) ?? 0,
    cachedInputTokens: num(id.cached_tokens) ?? 0,
    cacheWriteTokens: num(id.cache_write_tokens) ?? 0,
    outputTokens: num(r.output_tokens) ?? 0,
    reasoningTokens: num(od.reasoning_tokens) ?? 0,
  };
}

export function usageToResponses(u: CanonicalUsage): Record<string, unknown> {
  return {
    input_tokens: u.inputTokens,
    input_tokens_details: { cached_tokens: u.cachedInputTokens },
    output_tokens: u.outputTokens,
    output_tokens_details: { reasoning_tokens: u.reasoningTokens },
    total_tokens: u.inputTokens + u.outputTokens,
  };
}

function read(v: unknown): CanonicalUsage | undefined {
  const u = usageObject(v);
  return u && usageFromResponses(u);
}

export const responsesUsage: UsageCodec = {
  marker: '"usage"',
  fromBody: (body) => read(asRecord(body).usage),
  // response.completed (and .incomplete / .failed) carry the whole response with its usage.
  fromStreamEvent: (event) => read(asRecord(asRecord(event).response).usage),
  toWire: usageToResponses,
};
