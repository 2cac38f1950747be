import { OpenAiStreamTap } from './openai-stream-tap';

const chunk = (content: string) =>
  `data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"${content}"}}]}\n\n`;
const usageChunk =
  'data: {"id":"c1","object":"chat.completion.chunk","choices":[],"usage":{"prompt_tokens":12,"completion_tokens":5,"total_tokens":17,"prompt_tokens_details":{"cached_tokens":4}}}\n\n';
const stream = chunk('Hel') + chunk('lo') + usageChunk + 'data: [DONE]\n\n';

function feed(tap: OpenAiStreamTap, text: string, size: number): string {
  let out = '';
  for (let i = 0; i < text.length; i += size) out += tap.push(text.slice(i, i + size));
  return out + tap.end();
}

describe('OpenAiStreamTap', () => {
  it('passes the stream through byte for byte and reads usage when the client asked for it', () => {
    const tap = new OpenAiStreamTap(false);
    expect(feed(tap, stream, 7)).toBe(stream);
    expect(tap.usage).toEqual({
      inputTokens: 12,
      outputTokens: 5,
      cachedInputTokens: 4,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
    });
    expect(tap.sawDone).toBe(true);
  });

  it('removes the usage-only chunk the gateway requested on the client’s behalf, even split mid-line', () => {
    for (const size of [1, 3, 50, 10_000]) {
      const tap = new OpenAiStreamTap(true);
      expect(feed(tap, stream, size)).toBe(chunk('Hel') + chunk('lo') + 'data: [DONE]\n\n');
      expect(tap.usage?.inputTokens).toBe(12);
    }
  });

  it('keeps a content chunk that merely mentions "usage" in its text', () => {
    const tap = new OpenAiStreamTap(true);
    const text = chunk('the \\"usage\\" word');
    expect(feed(tap, text, 5)).toBe(text);
    expect(tap.usage).toBeUndefined();
  });
});
