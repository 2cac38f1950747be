import type { CanonicalUsage } from '../canonical/types';
import { asRecord, num } from './json';

export function emptyUsage(): CanonicalUsage {
  return {
    inputTokens: 0,
    cachedInputTokens: 0,
    cacheWriteTokens: 0,
    outputTokens: 0,
    reasoningTokens: 0,
  };
}

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

// Anthropic: input_tokens EXCLUDES cache reads and writes; output_tokens includes thinking.
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

// Gemini: promptTokenCount includes cached content; candidatesTokenCount EXCLUDES thoughts.
export function usageFromGemini(u: unknown): CanonicalUsage {
  const r = asRecord(u);
  const thoughts = num(r.thoughtsTokenCount) ?? 0;
  return {
    inputTokens: (num(r.promptTokenCount) ?? 0) + (num(r.toolUsePromptTokenCount) ?? 0),
    cachedInputTokens: num(r.cachedContentTokenCount) ?? 0,
    cacheWriteTokens: 0,
    outputTokens: (num(r.candidatesTokenCount) ?? 0) + thoughts,
    reasoningTokens: thoughts,
  };
}

export function usageToGemini(u: CanonicalUsage): Record<string, unknown> {
  const out: Record<string, unknown> = {
    promptTokenCount: u.inputTokens,
    candidatesTokenCount: Math.max(0, u.outputTokens - u.reasoningTokens),
    totalTokenCount: u.inputTokens + u.outputTokens,
  };
  if (u.cachedInputTokens > 0) out.cachedContentTokenCount = u.cachedInputTokens;
  if (u.reasoningTokens > 0) out.thoughtsTokenCount = u.reasoningTokens;
  return out;
}

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
