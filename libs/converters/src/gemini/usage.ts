// https://ai.google.dev/api/generate-content#UsageMetadata
import type { CanonicalUsage } from '../canonical/types';
import type { UsageCodec } from '../codec';
import { asRecord, num } from '../shared/json';
import { usageObject } from '../shared/usage';

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

function read(body: unknown): CanonicalUsage | undefined {
  const u = usageObject(asRecord(body).usageMetadata);
  return u && usageFromGemini(u);
}

export const geminiUsage: UsageCodec = {
  marker: '"usageMetadata"',
  fromBody: read,
  // Every chunk may carry usageMetadata; each holds the running total, not a delta.
  fromStreamEvent: (event) => read(event),
  toWire: usageToGemini,
};
