// The wire shapes of token counting, per format: the request a client sends, the request a
// provider's count endpoint takes, and both answers.
// Anthropic https://docs.anthropic.com/en/api/messages-count-tokens
// Gemini https://ai.google.dev/api/tokens#method:-models.counttokens
import {
  fromCanonicalRequest,
  toCanonicalRequest,
  type CanonicalRequest,
  type ConvertContext,
  type WireFormat,
} from '@gateway/converters';

/** The fields Anthropic's count_tokens accepts (it refuses `max_tokens` and sampling parameters). */
const ANTHROPIC_COUNT_FIELDS = ['model', 'messages', 'system', 'tools', 'tool_choice', 'thinking'];

/**
 * A count request as the canonical form: Anthropic's count_tokens has no `max_tokens`; a Gemini
 * `:countTokens` body holds `contents`, or a whole `generateContentRequest`.
 */
export function countRequestToCanonical(
  format: WireFormat,
  body: Record<string, unknown>,
): CanonicalRequest {
  if (format === 'anthropic-messages')
    return toCanonicalRequest(format, { max_tokens: 1, ...body });
  if (format === 'gemini') {
    const inner = body.generateContentRequest;
    const request =
      inner && typeof inner === 'object' && !Array.isArray(inner)
        ? (inner as Record<string, unknown>)
        : body;
    return toCanonicalRequest(format, request);
  }
  return toCanonicalRequest(format, body);
}

/** The body for a provider's count endpoint in its own format (Anthropic or Gemini). */
export function upstreamCountBody(
  format: 'anthropic-messages' | 'gemini',
  req: CanonicalRequest,
  ctx: ConvertContext,
): Record<string, unknown> {
  const converted = fromCanonicalRequest(format, { ...req, stream: false }, ctx).body as Record<
    string,
    unknown
  >;
  if (format === 'gemini') {
    const { generationConfig: _unused, ...request } = converted;
    return { generateContentRequest: { model: `models/${ctx.upstreamModel}`, ...request } };
  }
  const out: Record<string, unknown> = {};
  for (const field of ANTHROPIC_COUNT_FIELDS)
    if (converted[field] !== undefined) out[field] = converted[field];
  return out;
}

/** The token count in a provider's count answer; undefined when it has none. */
export function countFromAnswer(format: WireFormat, answer: unknown): number | undefined {
  const a = (answer ?? {}) as Record<string, unknown>;
  const n = format === 'gemini' ? a.totalTokens : a.input_tokens;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

/** A count in the client's own answer shape. */
export function countAnswer(format: WireFormat, tokens: number): Record<string, unknown> {
  return format === 'gemini' ? { totalTokens: tokens } : { input_tokens: tokens };
}
