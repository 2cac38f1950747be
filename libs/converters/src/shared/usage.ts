import type { CanonicalUsage } from '../canonical/types';
import { isRecord } from './json';

export function emptyUsage(): CanonicalUsage {
  return {
    inputTokens: 0,
    cachedInputTokens: 0,
    cacheWriteTokens: 0,
    outputTokens: 0,
    reasoningTokens: 0,
  };
}

/** `v` when it is a usage object, undefined otherwise (absent, null, or not an object). */
export function usageObject(v: unknown): Record<string, unknown> | undefined {
  return isRecord(v) ? v : undefined;
}
