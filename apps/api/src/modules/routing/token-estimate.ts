import { CODECS, WIRE_FORMATS, type WireFormat } from '@gateway/converters';
import { encodingFor, loadedTokenizer } from './tokenizer';

// Without a format: every field any format carries prompt text in (they do not collide).
const ALL_PROMPT_FIELDS = [...new Set(WIRE_FORMATS.flatMap((f) => CODECS[f].body.promptFields))];

/**
 * How much prompt text admission tokenizes: about 0.15 ms of CPU per KB of prose and code (measured,
 * docs/routing.md), so 4 KB keeps the estimate under a millisecond; a longer prompt is counted on
 * its first 4 KB and the rest extrapolated at that sample's characters per token.
 */
export const TOKENIZE_SAMPLE_CHARS = 4096;

function* strings(value: unknown): Generator<string> {
  if (typeof value === 'string') {
    yield value;
  } else if (Array.isArray(value)) {
    for (const v of value) yield* strings(v);
  } else if (value && typeof value === 'object') {
    for (const v of Object.values(value as Record<string, unknown>)) yield* strings(v);
  }
}

/** The strings of a body's prompt fields (messages, system, contents, input…), values only. */
function promptStrings(body: Record<string, unknown>, format?: WireFormat): string[] {
  const fields = format ? CODECS[format].body.promptFields : ALL_PROMPT_FIELDS;
  const out: string[] = [];
  for (const field of fields) for (const s of strings(body[field])) out.push(s);
  return out;
}

/**
 * Prompt tokens of a request body, estimated before sending for limits and budgets. With `model`,
 * its encoding (see `encodingFor`) counts the text once loaded, on at most TOKENIZE_SAMPLE_CHARS;
 * otherwise about four characters per token (OpenAI's rule of thumb for English). Settlement
 * replaces the estimate with the provider's own count, so the error never accumulates. The
 * prompt-carrying fields come from the format's codec; without a format, those of every format.
 */
export function estimateInputTokens(
  body: Record<string, unknown>,
  format?: WireFormat,
  model?: string,
): number {
  const texts = promptStrings(body, format);
  let chars = 0;
  for (const s of texts) chars += s.length;
  const tokenizer = model ? loadedTokenizer(encodingFor(model).encoding) : undefined;
  if (!tokenizer || chars === 0) return Math.ceil(chars / 4);
  let sampled = 0;
  let tokens = 0;
  for (const s of texts) {
    const piece =
      s.length <= TOKENIZE_SAMPLE_CHARS - sampled ? s : s.slice(0, TOKENIZE_SAMPLE_CHARS - sampled);
    if (piece.length > 0) tokens += tokenizer.countTokens(piece);
    sampled += piece.length;
    if (sampled >= TOKENIZE_SAMPLE_CHARS) break;
  }
  return sampled >= chars ? tokens : Math.ceil((tokens * chars) / sampled);
}
