import type { WireFormat } from '@gateway/converters';

function strings(values: unknown[]): string[] | undefined {
  const out = values.filter((v): v is string => typeof v === 'string' && v.length > 0);
  return out.length > 0 ? out : undefined;
}

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/**
 * Why the model stopped, one reason per choice, in the upstream's own words (`stop`, `end_turn`,
 * `STOP`, …), read from a whole (non-streamed) answer: the GenAI `gen_ai.response.finish_reasons`.
 */
export function finishReasonsFromBody(
  format: WireFormat,
  body: Record<string, any>,
): string[] | undefined {
  switch (format) {
    case 'openai-chat':
      return strings(list(body.choices).map((c) => (c as Record<string, unknown>)?.finish_reason));
    case 'openai-responses':
      // `completed`, or why it is `incomplete` (e.g. max_output_tokens).
      return strings([body.incomplete_details?.reason ?? body.status]);
    case 'anthropic-messages':
      return strings([body.stop_reason]);
    case 'gemini':
      return strings(
        list(body.candidates).map((c) => (c as Record<string, unknown>)?.finishReason),
      );
  }
}
