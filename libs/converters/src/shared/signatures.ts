import type { SignatureOrigin } from '../canonical/types';

// A signature is only valid for the provider that minted it (Anthropic: "Invalid `signature` in
// `thinking` block"). When a signature travels through a client of another format we prefix it with its
// origin, so it can be recognised when the client sends it back and never reach a foreign provider.
const PREFIX = /^(anthropic|gemini|openai):/;

export function encodeSignature(
  origin: SignatureOrigin,
  signature: string,
  native: SignatureOrigin,
): string {
  return origin === native ? signature : `${origin}:${signature}`;
}

export function decodeSignature(
  raw: string,
  native: SignatureOrigin,
): { origin: SignatureOrigin; signature: string } {
  const m = PREFIX.exec(raw);
  if (m) return { origin: m[1] as SignatureOrigin, signature: raw.slice(m[0].length) };
  return { origin: native, signature: raw };
}

// Gemini documents this value for histories whose signatures were lost (e.g. a conversation that started
// on another model); https://ai.google.dev/gemini-api/docs/thought-signatures
export const GEMINI_SKIP_SIGNATURE = 'skip_thought_signature_validator';

// An Anthropic `redacted_thinking` block has no text, only opaque `data` that must be replayed unchanged.
// Carriers that hold one opaque string (Responses `encrypted_content`, Gemini `thoughtSignature`) get
// `anthropic-redacted:<data>`; a signed thinking block is `anthropic:<signature>` with its text beside it.
const REDACTED_PREFIX = 'anthropic-redacted:';

export function encodeRedacted(data: string): string {
  return `${REDACTED_PREFIX}${data}`;
}

/** The opaque reasoning string a client sent back: a redacted block's data, or an origin-tagged signature. */
export function decodeReasoningCarrier(
  raw: string,
  native: SignatureOrigin,
): { redactedData: string } | { origin: SignatureOrigin; signature: string } {
  if (raw.startsWith(REDACTED_PREFIX)) return { redactedData: raw.slice(REDACTED_PREFIX.length) };
  return decodeSignature(raw, native);
}
