// A key's request policies applied to the client's own body, before any conversion (so every upstream sees
// them the same way). The field names of each format live in its codec (`body`) in @gateway/converters.
import { END_USER_HEADER } from '@gateway/contracts';
import { CODECS, type WireFormat } from '@gateway/converters';

type Body = Record<string, unknown>;

/** A key's system prompt, put ahead of the client's own instructions in the client's wire format. */
export function injectSystemPrompt(format: WireFormat, body: Body, prompt: string): Body {
  return CODECS[format].body.injectSystemPrompt(body, prompt);
}

/** The output-token limit the client asked for in its format (undefined when none). */
export function requestedMaxTokens(format: WireFormat, body: Body): number | undefined {
  return CODECS[format].body.requestedMaxTokens(body);
}

/**
 * Applies a key's per-request output cap: lowers the limit the client sent to the cap, or sets the cap
 * when the client sent none (OpenAI Chat: in `max_completion_tokens`, renamed per upstream by
 * `openAIMaxTokensField` for providers that read only `max_tokens`).
 */
export function withMaxTokens(format: WireFormat, body: Body, maxTokens: number): Body {
  return CODECS[format].body.withMaxTokens(body, maxTokens);
}

/**
 * The end user a request is for: the `x-gateway-end-user` header, else the body's own field (OpenAI
 * `user` / `safety_identifier`, Anthropic `metadata.user_id`; Gemini has none). Undefined when none.
 */
export function endUserOf(
  format: WireFormat,
  body: Body,
  headers: Record<string, string | string[] | undefined>,
): string | undefined {
  const raw = headers[END_USER_HEADER];
  const header = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  return header ? header : CODECS[format].body.endUser(body);
}
