// https://docs.anthropic.com/en/api/messages (usage)
import type { CanonicalUsage } from '../canonical/types';
import type { UsageCodec } from '../codec';
import { asRecord, num } from '../shared/json';
import { emptyUsage, usageObject } from '../shared/usage';

// Anthropic: input_tokens EXCLUDES cache reads and writes; output_tokens includes thinking.
// message_delta repeats only what changed (output_tokens, sometimes input_tokens): `prev` keeps the rest.
export function usageFromAnthropic(u: unknown, prev?: CanonicalUsage): CanonicalUsage {
  const r = asRecord(u);
  const p = prev ?? emptyUsage();
  const cacheRead = num(r.cache_read_input_tokens) ?? p.cachedInputTokens;
  const cacheWrite = num(r.cache_creation_input_tokens) ?? p.cacheWriteTokens;
  const rawInput = num(r.input_tokens);
  const input = rawInput !== undefined ? rawInput + cacheRead + cacheWrite : p.inputTokens;
  const od = asRecord(r.output_tokens_details);
  return {
    inputTokens: input,
    cachedInputTokens: cacheRead,
    cacheWriteTokens: cacheWrite,
    outputTokens: num(r.output_tokens) ?? p.outputTokens,
    reasoningTokens: num(od.thinking_tokens) ?? p.reasoningTokens,
  };
}

export function usageToAnthropic(u: CanonicalUsage): Record<string, unknown> {
  return {
    input_tokens: Math.max(0, u.inputTokens - u.cachedInputTokens - u.cacheWriteTokens),
    cache_creation_input_tokens: u.cacheWriteTokens,
    cache_read_input_tokens: u.cachedInputTokens,
    output_tokens: u.outputTokens,
  };
}

export const anthropicUsage: UsageCodec = {
  marker: '"usage"',
  fromBody(body) {
    const u = usageObject(asRecord(body).usage);
    return u && usageFromAnthropic(u);
  },
  // message_start holds it in `message.usage`, message_delta in `usage`.
  fromStreamEvent(event, previous) {
    const e = asRecord(event);
    const u = usageObject(e.type === 'message_start' ? asRecord(e.message).usage : e.usage);
    return u && usageFromAnthropic(u, previous);
  },
  toWire: usageToAnthropic,
};
