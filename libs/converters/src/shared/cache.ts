import type { CacheControl, CanonicalRequest, ContentPart } from '../canonical/types';
import { isRecord, type Json } from './json';

// Anthropic prompt caching: https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching
// OpenAI-format clients (LiteLLM, OpenRouter, Cline, …) put the same `cache_control` object on content
// parts, on a whole message, or on a tool definition.

export function parseCacheControl(v: unknown): CacheControl | undefined {
  return isRecord(v) ? v : undefined;
}

/** Adds `cache_control` to an Anthropic block when the canonical part carries one. */
export function withCacheControl<T extends Json>(block: T, cc: CacheControl | undefined): T {
  if (cc) (block as Json).cache_control = cc;
  return block;
}

function partHasCache(p: ContentPart): boolean {
  if ('cacheControl' in p && p.cacheControl) return true;
  return p.type === 'tool_result' && p.content.some((c) => c.cacheControl !== undefined);
}

/** Whether any system part, message part or tool carries a cache breakpoint. */
export function hasCacheControl(req: CanonicalRequest): boolean {
  return (
    req.system.some((p) => p.cacheControl !== undefined) ||
    req.tools.some((t) => t.cacheControl !== undefined) ||
    req.messages.some((m) => m.content.some(partHasCache))
  );
}
