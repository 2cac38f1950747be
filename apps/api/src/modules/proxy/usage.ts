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

function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

/** Reads an OpenAI Chat Completions `usage` object. */
export function usageFromOpenAi(usage: unknown): TokenUsage | undefined {
  if (!usage || typeof usage !== 'object') return undefined;
  const u = usage as Record<string, any>;
  return {
    inputTokens: num(u.prompt_tokens),
    outputTokens: num(u.completion_tokens),
    cachedInputTokens: num(u.prompt_tokens_details?.cached_tokens),
    cacheWriteTokens: 0,
    reasoningTokens: num(u.completion_tokens_details?.reasoning_tokens),
  };
}
