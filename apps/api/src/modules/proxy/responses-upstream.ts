import { decodeReasoningCarrier } from '@gateway/converters';

const ENCRYPTED_REASONING = 'reasoning.encrypted_content';
// OpenAI refuses `include: ["reasoning.encrypted_content"]` for its chat-tuned snapshots even though
// they are listed as reasoning models ("Encrypted content is not supported with this model",
// https://github.com/pydantic/pydantic-ai/issues/3326).
const NO_ENCRYPTED_REASONING = /chat-latest$|-chat$/;

/**
 * A Responses request passed through to OpenAI's own Responses API. The gateway keeps the
 * conversation state itself, so OpenAI is asked to keep nothing (`store: false`); reasoning models are
 * asked for `encrypted_content`, the only form of their reasoning a later turn can replay without
 * OpenAI-side storage; and reasoning items OpenAI could not read (no encrypted content, or one minted
 * by Anthropic or Gemini on an earlier turn of the chain) are left out. Returns undefined when the
 * body needs none of this.
 */
export function openAIResponsesBody(
  body: Record<string, unknown>,
  opts: { reasoningModel: boolean; upstreamModel: string },
): Record<string, unknown> | undefined {
  let out: Record<string, unknown> | undefined;
  const patch = (fields: Record<string, unknown>) => (out = { ...(out ?? body), ...fields });
  if (body.store !== false) patch({ store: false });
  const include = Array.isArray(body.include) ? (body.include as unknown[]) : [];
  if (
    opts.reasoningModel &&
    !NO_ENCRYPTED_REASONING.test(opts.upstreamModel) &&
    !include.includes(ENCRYPTED_REASONING)
  )
    patch({ include: [...include, ENCRYPTED_REASONING] });
  if (Array.isArray(body.input)) {
    const input = body.input as unknown[];
    const kept = input.filter(readableByOpenAI);
    if (kept.length !== input.length) patch({ input: kept });
  }
  return out;
}

function readableByOpenAI(item: unknown): boolean {
  const it = item as { type?: unknown; encrypted_content?: unknown } | null;
  if (!it || it.type !== 'reasoning') return true;
  if (typeof it.encrypted_content !== 'string' || it.encrypted_content === '') return false;
  const carried = decodeReasoningCarrier(it.encrypted_content, 'openai');
  return 'origin' in carried && carried.origin === 'openai';
}
