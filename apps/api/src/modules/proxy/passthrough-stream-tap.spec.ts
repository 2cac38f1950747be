import { PassthroughStreamTap } from './passthrough-stream-tap';

const chunk = (content: string) =>
  `data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"${content}"}}]}\n\n`;
const usageChunk =
  'data: {"id":"c1","object":"chat.completion.chunk","choices":[],"usage":{"prompt_tokens":12,"completion_tokens":5,"total_tokens":17,"prompt_tokens_details":{"cached_tokens":4}}}\n\n';
const stream = chunk('Hel') + chunk('lo') + usageChunk + 'data: [DONE]\n\n';

function feed(tap: PassthroughStreamTap, text: string, size: number): string {
  let out = '';
  for (let i = 0; i < text.length; i += size) out += tap.push(text.slice(i, i + size));
  return out + tap.end();
}

describe('PassthroughStreamTap', () => {
  it('passes the stream through byte for byte and reads usage when the client asked for it', () => {
    const tap = new PassthroughStreamTap('openai-chat', false);
    expect(feed(tap, stream, 7)).toBe(stream);
    expect(tap.usage).toEqual({
      inputTokens: 12,
      outputTokens: 5,
      cachedInputTokens: 4,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
    });
  });

  it('removes the usage-only chunk the gateway requested on the client’s behalf, even split mid-line', () => {
    for (const size of [1, 3, 50, 10_000]) {
      const tap = new PassthroughStreamTap('openai-chat', true);
      expect(feed(tap, stream, size)).toBe(chunk('Hel') + chunk('lo') + 'data: [DONE]\n\n');
      expect(tap.usage?.inputTokens).toBe(12);
    }
  });

  it('keeps a content chunk that merely mentions "usage" in its text', () => {
    const tap = new PassthroughStreamTap('openai-chat', true);
    const text = chunk('the \\"usage\\" word');
    expect(feed(tap, text, 5)).toBe(text);
    expect(tap.usage).toBeUndefined();
  });

  it('reads Anthropic usage from message_start and message_delta, cache reads added to input', () => {
    const anthropic =
      'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_1","usage":{"input_tokens":10,"cache_read_input_tokens":5,"output_tokens":1}}}\n\n' +
      'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"hi"}}\n\n' +
      'event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":12}}\n\n' +
      'event: message_stop\ndata: {"type":"message_stop"}\n\n';
    const tap = new PassthroughStreamTap('anthropic-messages');
    expect(feed(tap, anthropic, 11)).toBe(anthropic);
    expect(tap.usage).toEqual({
      inputTokens: 15,
      outputTokens: 12,
      cachedInputTokens: 5,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
    });
  });

  it('reads Gemini usageMetadata, thoughts counted as output and reasoning', () => {
    const gemini =
      'data: {"candidates":[{"content":{"role":"model","parts":[{"text":"a"}]}}],"usageMetadata":{"promptTokenCount":7,"candidatesTokenCount":1}}\r\n\r\n' +
      'data: {"candidates":[{"content":{"role":"model","parts":[{"text":"b"}]},"finishReason":"STOP"}],"usageMetadata":{"promptTokenCount":7,"candidatesTokenCount":2,"thoughtsTokenCount":4}}\r\n\r\n';
    const tap = new PassthroughStreamTap('gemini');
    expect(feed(tap, gemini, 13)).toBe(gemini);
    expect(tap.usage).toEqual({
      inputTokens: 7,
      outputTokens: 6,
      cachedInputTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 4,
    });
  });
});
