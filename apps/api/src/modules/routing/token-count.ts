import type { CanonicalRequest, ContentPart } from '@gateway/converters';
import { countTokensYielding, type Tokenizer } from './tokenizer';

// How OpenAI's chat models frame a prompt (the OpenAI cookbook's num_tokens_from_messages, and what
// gpt-tokenizer's encodeChat produces): every message costs 3 tokens plus its role and content, and
// the reply is primed with 3 more. https://cookbook.openai.com/examples/how_to_count_tokens_with_tiktoken
const PER_MESSAGE = 3;
const REPLY_PRIMING = 3;
// Vision inputs are billed by size, which the request does not state: 85 tokens at low detail, 765 for
// a 1024×1024 image at high detail (https://platform.openai.com/docs/guides/images-vision#calculating-costs).
const IMAGE_LOW = 85;
const IMAGE_HIGH = 765;
// A PDF is text plus an image per page; its page count is unknown here.
const DOCUMENT = 1000;

/**
 * Prompt tokens of a request as an OpenAI chat model counts them: system prompt, messages (tool
 * results as their own `tool` messages) and tool definitions (their JSON, OpenAI's own tool framing
 * being undocumented). Thinking blocks of earlier turns are not sent to OpenAI models and not counted.
 * Long texts are counted in slices between turns of the event loop (`countTokensYielding`).
 */
export async function countRequestTokens(
  req: CanonicalRequest,
  tokenizer: Tokenizer,
): Promise<number> {
  const count = (text: string) =>
    text === '' ? Promise.resolve(0) : countTokensYielding(tokenizer, text);
  const message = async (role: string, content: number) =>
    PER_MESSAGE + (await count(role)) + content;
  const parts = async (ps: readonly ContentPart[]) => {
    let n = 0;
    for (const p of ps) n += await partTokens(p, count);
    return n;
  };
  let total = REPLY_PRIMING;
  if (req.system.length > 0)
    total += await message('system', await count(req.system.map((p) => p.text).join('\n\n')));
  for (const m of req.messages) {
    const own = m.content.filter((p) => p.type !== 'tool_result' && p.type !== 'thinking');
    for (const p of m.content)
      if (p.type === 'tool_result') total += await message('tool', await parts(p.content));
    if (own.length > 0 || m.content.length === 0) total += await message(m.role, await parts(own));
  }
  for (const t of req.tools)
    total += await count(
      JSON.stringify({ name: t.name, description: t.description, parameters: t.parameters }),
    );
  return total;
}

async function partTokens(
  p: ContentPart,
  count: (text: string) => Promise<number>,
): Promise<number> {
  switch (p.type) {
    case 'text':
      return count(p.text);
    case 'tool_call':
      return (await count(p.name)) + (await count(p.arguments));
    case 'image':
      return p.detail === 'low' ? IMAGE_LOW : IMAGE_HIGH;
    case 'document':
      return DOCUMENT;
    case 'thinking':
    case 'tool_result':
      return 0;
  }
}
