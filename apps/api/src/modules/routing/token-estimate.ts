import { CODECS, WIRE_FORMATS, type WireFormat } from '@gateway/converters';

// Without a format: every field any format carries prompt text in (they do not collide).
const ALL_PROMPT_FIELDS = [...new Set(WIRE_FORMATS.flatMap((f) => CODECS[f].body.promptFields))];

function textLength(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + textLength(v), 0);
  if (value && typeof value === 'object') {
    let n = 0;
    for (const v of Object.values(value as Record<string, unknown>)) n += textLength(v);
    return n;
  }
  return 0;
}

/**
 * Prompt tokens of a request body, estimated before sending for limits and budgets: about four
 * characters per token for English text with the usual BPE tokenizers (OpenAI's rule of thumb).
 * Settlement replaces the estimate with the provider's own count, so the error never accumulates.
 * The prompt-carrying fields come from the format's codec; without a format, those of every format.
 */
export function estimateInputTokens(body: Record<string, unknown>, format?: WireFormat): number {
  const fields = format ? CODECS[format].body.promptFields : ALL_PROMPT_FIELDS;
  let chars = 0;
  for (const field of fields) chars += textLength(body[field]);
  return Math.ceil(chars / 4);
}
