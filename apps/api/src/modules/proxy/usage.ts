import type { WireFormat } from '@gateway/converters';

/** Token counts in one shape for analytics and pricing: `inputTokens` includes cached tokens (OpenAI semantics). */
export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
}

export const NO_USAGE: TokenUsage = {
  inputTokens: 0,
  outputTokens: 0,
  cachedInputTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
};

type Obj = Record<string, any>;

function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

/** OpenAI Chat Completions `usage` (prompt includes cached; completion includes reasoning). */
export function usageFromOpenAi(usage: unknown): TokenUsage | undefined {
  if (!usage || typeof usage !== 'object') return undefined;
  const u = usage as Obj;
  return {
    inputTokens: num(u.prompt_tokens),
    outputTokens: num(u.completion_tokens),
    cachedInputTokens: num(u.prompt_tokens_details?.cached_tokens),
    cacheWriteTokens: 0,
    reasoningTokens: num(u.completion_tokens_details?.reasoning_tokens),
  };
}

/** OpenAI Responses `usage`. */
export function usageFromResponses(usage: unknown): TokenUsage | undefined {
  if (!usage || typeof usage !== 'object') return undefined;
  const u = usage as Obj;
  return {
    inputTokens: num(u.input_tokens),
    outputTokens: num(u.output_tokens),
    cachedInputTokens: num(u.input_tokens_details?.cached_tokens),
    cacheWriteTokens: 0,
    reasoningTokens: num(u.output_tokens_details?.reasoning_tokens),
  };
}

/** Anthropic `usage`: its input_tokens exclude cache reads and writes, which are added back here. */
export function usageFromAnthropic(usage: unknown, previous?: TokenUsage): TokenUsage | undefined {
  if (!usage || typeof usage !== 'object') return undefined;
  const u = usage as Obj;
  const cached = u.cache_read_input_tokens ?? undefined;
  const written = u.cache_creation_input_tokens ?? undefined;
  // message_delta repeats only what changed (output_tokens, sometimes input_tokens): keep the rest.
  const base = previous ?? NO_USAGE;
  const cachedInputTokens = cached !== undefined ? num(cached) : base.cachedInputTokens;
  const cacheWriteTokens = written !== undefined ? num(written) : base.cacheWriteTokens;
  const inputTokens =
    u.input_tokens !== undefined
      ? num(u.input_tokens) + cachedInputTokens + cacheWriteTokens
      : base.inputTokens;
  return {
    inputTokens,
    outputTokens: u.output_tokens !== undefined ? num(u.output_tokens) : base.outputTokens,
    cachedInputTokens,
    cacheWriteTokens,
    reasoningTokens: 0,
  };
}

/** Gemini `usageMetadata`: output counts candidates plus thoughts, as OpenAI's completion tokens do. */
export function usageFromGemini(meta: unknown): TokenUsage | undefined {
  if (!meta || typeof meta !== 'object') return undefined;
  const m = meta as Obj;
  const thoughts = num(m.thoughtsTokenCount);
  return {
    inputTokens: num(m.promptTokenCount) + num(m.toolUsePromptTokenCount),
    outputTokens: num(m.candidatesTokenCount) + thoughts,
    cachedInputTokens: num(m.cachedContentTokenCount),
    cacheWriteTokens: 0,
    reasoningTokens: thoughts,
  };
}

/** Usage of a whole (non-streamed) response body in `format`. */
export function usageFromBody(format: WireFormat, body: Obj | undefined): TokenUsage | undefined {
  if (!body) return undefined;
  switch (format) {
    case 'openai-chat':
      return usageFromOpenAi(body.usage);
    case 'openai-responses':
      return usageFromResponses(body.usage);
    case 'anthropic-messages':
      return usageFromAnthropic(body.usage);
    case 'gemini':
      return usageFromGemini(body.usageMetadata);
  }
}

/**
 * Usage carried by one streamed event of `format`, given what was seen before. Returns undefined for
 * events without usage.
 */
export function usageFromStreamEvent(
  format: WireFormat,
  event: Obj,
  previous?: TokenUsage,
): TokenUsage | undefined {
  switch (format) {
    case 'openai-chat':
      return usageFromOpenAi(event.usage);
    case 'openai-responses':
      return usageFromResponses(event.response?.usage);
    case 'anthropic-messages':
      return usageFromAnthropic(
        event.type === 'message_start' ? event.message?.usage : event.usage,
        previous,
      );
    case 'gemini':
      return usageFromGemini(event.usageMetadata);
  }
}

/** The substring every usage-carrying event of a format contains: other lines are never parsed. */
export const USAGE_MARKER: Record<WireFormat, string> = {
  'openai-chat': '"usage"',
  'openai-responses': '"usage"',
  'anthropic-messages': '"usage"',
  gemini: '"usageMetadata"',
};
