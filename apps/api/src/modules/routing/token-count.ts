import type { CanonicalRequest, ContentPart } from '@gateway/converters';
import type { Tokenizer } from './tokenizer';

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
 */
export function countRequestTokens(req: CanonicalRequest, tokenizer: Tokenizer): number {
  const count = (text: string) => (text === '' ? 0 : tokenizer.countTokens(text));
  const message = (role: string, content: number) => PER_MESSAGE + count(role) + content;
  let total = REPLY_PRIMING;
  if (req.system.length > 0)
    total += message('system', count(req.system.map((p) => p.text).join('\n\n')));
  for (const m of req.messages) {
    let own = 0;
    let ownParts = 0;
    for (const p of m.content) {
      if (p.type === 'tool_result') {
        total += message(
          'tool',
          p.content.reduce((n, c) => n + partTokens(c, count), 0),
        );
        continue;
      }
      if (p.type === 'thinking') continue;
      own += partTokens(p, count);
      ownParts++;
    }
    if (ownParts > 0 || m.content.length === 0) total += message(m.role, own);
  }
  for (const t of req.tools)
    total += count(
      JSON.stringify({ name: t.name, description: t.description, parameters: t.parameters }),
    );
  return total;
}

function partTokens(p: ContentPart, count: (text: string) => number): number {
  switch (p.type) {
    case 'text':
      return count(p.text);
    case 'tool_call':
      return count(p.name) + count(p.arguments);
    case 'image':
      return p.detail === 'low' ? IMAGE_LOW : IMAGE_HIGH;
    case 'document':
      return DOCUMENT;
    case 'thinking':
    case 'tool_result':
      return 0;
  }
}
