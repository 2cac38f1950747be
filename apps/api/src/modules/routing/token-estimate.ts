// Fields that carry prompt text in the OpenAI, Anthropic, Gemini and Responses request shapes.
const PROMPT_FIELDS = [
  'messages',
  'system',
  'input',
  'instructions',
  'contents',
  'systemInstruction',
  'tools',
];

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
 */
export function estimateInputTokens(body: Record<string, unknown>): number {
  let chars = 0;
  for (const field of PROMPT_FIELDS) chars += textLength(body[field]);
  return Math.ceil(chars / 4);
}
