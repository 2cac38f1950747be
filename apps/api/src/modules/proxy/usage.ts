// Token usage of upstream answers, read by the format's codec in @gateway/converters: the same reader the
// converters use, so an answer is recorded the same whether the client's format matched the upstream's
// (pass-through) or not (converted).
import { CODECS, emptyUsage, type CanonicalUsage, type WireFormat } from '@gateway/converters';

/** Token counts in one shape for analytics and pricing: `inputTokens` includes cached tokens (OpenAI semantics). */
export type TokenUsage = CanonicalUsage;

export const NO_USAGE: TokenUsage = Object.freeze(emptyUsage());

/** Usage of a whole (non-streamed) response body in `format`. */
export function usageFromBody(format: WireFormat, body: unknown): TokenUsage | undefined {
  return CODECS[format].usage.fromBody(body);
}

/**
 * Usage carried by one streamed event of `format`, given what was seen before. Returns undefined for
 * events without usage.
 */
export function usageFromStreamEvent(
  format: WireFormat,
  event: unknown,
  previous?: TokenUsage,
): TokenUsage | undefined {
  return CODECS[format].usage.fromStreamEvent(event, previous);
}

/** The substring every usage-carrying event of a format contains: other lines are never parsed. */
export const USAGE_MARKER = Object.fromEntries(
  Object.entries(CODECS).map(([format, codec]) => [format, codec.usage.marker]),
) as Readonly<Record<WireFormat, string>>;
