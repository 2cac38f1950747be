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
