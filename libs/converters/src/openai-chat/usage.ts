// https://platform.openai.com/docs/api-reference/chat/object (usage)
import type { CanonicalUsage } from '../canonical/types';
import type { UsageCodec } from '../codec';
import { asRecord, num } from '../shared/json';
import { usageObject } from '../shared/usage';

// OpenAI Chat: prompt_tokens includes cached; completion_tokens includes reasoning.
export function usageFromOpenAIChat(u: unknown): CanonicalUsage {
  const r = asRecord(u);
  const pd = asRecord(r.prompt_tokens_details);
  const cd = asRecord(r.completion_tokens_details);
  return {
    inputTokens: num(r.prompt_tokens) ?? 0,
    cachedInputTokens: num(pd.cached_tokens) ?? 0,
    cacheWriteTokens: num(pd.cache_write_tokens) ?? 0,
    outputTokens: num(r.completion_tokens) ?? 0,
    reasoningTokens: num(cd.reasoning_tokens) ?? 0,
  };
}

export function usageToOpenAIChat(u: CanonicalUsage): Record<string, unknown> {
  const details: Record<string, unknown> = { cached_tokens: u.cachedInputTokens };
  if (u.cacheWriteTokens > 0) details.cache_write_tokens = u.cacheWriteTokens;
  return {
    prompt_tokens: u.inputTokens,
    completion_tokens: u.outputTokens,
    total_tokens: u.inputTokens + u.outputTokens,
    prompt_tokens_details: details,
    completion_tokens_details: { reasoning_tokens: u.reasoningTokens },
  };
}

function read(v: unknown): CanonicalUsage | undefined {
  const u = usageObject(v);
  return u && usageFromOpenAIChat(u);
}

export const openAIChatUsage: UsageCodec = {
  marker: '"usage"',
  fromBody: (body) => read(asRecord(body).usage),
  // The last chunk carries it when the client asked for stream_options.include_usage.
  fromStreamEvent: (event) => read(asRecord(event).usage),
  toWire: usageToOpenAIChat,
};
