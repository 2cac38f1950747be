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

// Inline media (base64 in Anthropic `data`, Gemini `inlineData.data`, data: URLs) is not text: counted
// at OpenAI's high-detail image figure instead of tokenizing megabytes of base64.
const MEDIA_TOKENS = 765;
const MEDIA_MIN_CHARS = 1024;

function isMedia(key: string | undefined, text: string): boolean {
  return text.startsWith('data:') || (key === 'data' && text.length >= MEDIA_MIN_CHARS);
}

/** Collects the strings of `value` (media counted, not collected): a plain walk, no generator per level. */
function collectStrings(
  value: unknown,
  key: string | undefined,
  out: { texts: string[]; media: number },
): void {
  if (typeof value === 'string') {
    if (isMedia(key, value)) out.media++;
    else if (value !== '') out.texts.push(value);
  } else if (Array.isArray(value)) {
    for (const v of value) collectStrings(v, undefined, out);
  } else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const k in record) {
      if (Object.prototype.hasOwnProperty.call(record, k)) collectStrings(record[k], k, out);
    }
  }
}

/** The text of a body's prompt fields (messages, system, contents, input…), and how many media it holds. */
function promptStrings(
  body: Record<string, unknown>,
  format?: WireFormat,
): { texts: string[]; media: number } {
  const fields = format ? CODECS[format].body.promptFields : ALL_PROMPT_FIELDS;
  const out = { texts: [] as string[], media: 0 };
  for (const field of fields) collectStrings(body[field], undefined, out);
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
  const { texts, media } = promptStrings(body, format);
  return media * MEDIA_TOKENS + textTokens(texts, model);
}

function textTokens(texts: string[], model: string | undefined): number {
  let chars = 0;
  for (const s of texts) chars += s.length;
  const tokenizer = model ? loadedTokenizer(encodingFor(model).encoding) : undefined;
  if (!tokenizer || chars === 0) return Math.ceil(chars / 4);
  if (chars <= TOKENIZE_SAMPLE_CHARS) {
    let tokens = 0;
    for (const t of texts) tokens += tokenizer.countTokens(t);
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
