import { CODECS, WIRE_FORMATS, type WireFormat } from '@gateway/converters';
import { encodingFor, loadedTokenizer } from './tokenizer';

// Without a format: every field any format carries prompt text in (they do not collide).
const ALL_PROMPT_FIELDS = [...new Set(WIRE_FORMATS.flatMap((f) => CODECS[f].body.promptFields))];

/**
 * How much prompt text admission tokenizes: tokenizing costs about 0.1–0.4 ms of CPU per KB of
 * prose and code (measured, docs/routing.md), so a prompt up to 4 KB is counted whole; a longer one
 * is counted on 8 windows of 512 characters spread over it and extrapolated at their characters per
 * token (a prompt's start, often a system prompt in prose, is a poor sample of code or data after it).
 */
export const TOKENIZE_SAMPLE_CHARS = 4096;
const SAMPLE_WINDOWS = 8;

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
  if (chars <= TOKENIZE_SAMPLE_CHARS) {
    let tokens = 0;
    for (const t of texts) if (t.length > 0) tokens += tokenizer.countTokens(t);
    return tokens;
  }
  const all = texts.join('\n');
  const size = TOKENIZE_SAMPLE_CHARS / SAMPLE_WINDOWS;
  const step = (all.length - size) / (SAMPLE_WINDOWS - 1);
  let tokens = 0;
  for (let w = 0; w < SAMPLE_WINDOWS; w++) {
    const start = Math.round(w * step);
    tokens += tokenizer.countTokens(all.slice(start, start + size));
  }
  return Math.ceil((tokens * all.length) / TOKENIZE_SAMPLE_CHARS);
}
