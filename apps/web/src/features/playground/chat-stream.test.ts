import { describe, expect, it } from 'vitest';
import {
  interpretChatEvent,
  readChatStream,
  SseDecoder,
  type ChatStreamUpdate,
} from './chat-stream';

function chunk(delta: string): string {
  return JSON.stringify({
    id: 'c1',
    object: 'chat.completion.chunk',
    model: 'gpt-4o-mini',
    choices: [{ index: 0, delta: { content: delta } }],
  });
}

describe('SseDecoder', () => {
  it('joins events split across network chunks', () => {
    const decoder = new SseDecoder();
    expect(decoder.push('data: {"a"')).toEqual([]);
    expect(decoder.push(':1}\n')).toEqual([]);
    expect(decoder.push('\ndata: [DONE]\n\n')).toEqual([
      { event: 'message', data: '{"a":1}' },
      { event: 'message', data: '[DONE]' },
    ]);
  });

  it('handles CRLF, comments, named events and multi-line data', () => {
    const decoder = new SseDecoder();
    const events = decoder.push(
      ': keep-alive\r\nevent: request\r\ndata: line1\r\ndata: line2\r\n\r\n',
    );
    expect(events).toEqual([{ event: 'request', data: 'line1\nline2' }]);
  });

  it('waits when a CR may be the first half of CRLF', () => {
    const decoder = new SseDecoder();
    expect(decoder.push('data: x\r')).toEqual([]);
    expect(decoder.push('\n\r\n')).toEqual([{ event: 'message', data: 'x' }]);
  });

  it('emits a last event that lacks its blank line at flush', () => {
    const decoder = new SseDecoder();
    decoder.push('data: tail');
    expect(decoder.flush()).toEqual([{ event: 'message', data: 'tail' }]);
  });
});

describe('interpretChatEvent', () => {
  it('reads text deltas and the model', () => {
    expect(interpretChatEvent({ event: 'message', data: chunk('Hel') })).toEqual([
      { type: 'model', model: 'gpt-4o-mini' },
      { type: 'delta', text: 'Hel' },
    ]);
  });

  it('reads the usage chunk including cached and reasoning tokens', () => {
    const data = JSON.stringify({
      choices: [],
      usage: {
        prompt_tokens: 20,
        completion_tokens: 7,
        prompt_tokens_details: { cached_tokens: 8 },
        completion_tokens_details: { reasoning_tokens: 2 },
      },
    });
    expect(interpretChatEvent({ event: 'message', data })).toEqual([
      {
        type: 'usage',
        usage: { promptTokens: 20, completionTokens: 7, cachedTokens: 8, reasoningTokens: 2 },
      },
    ]);
  });

  it('turns [DONE] and in-stream errors into updates', () => {
    expect(interpretChatEvent({ event: 'message', data: '[DONE]' })).toEqual([{ type: 'done' }]);
    expect(
      interpretChatEvent({
        event: 'message',
        data: '{"error":{"message":"rate limited","type":"rate_limit_error"}}',
      }),
    ).toEqual([{ type: 'error', message: 'rate limited' }]);
    expect(interpretChatEvent({ event: 'message', data: 'not json' })[0].type).toBe('error');
  });
});

describe('readChatStream', () => {
  it('reports every update of a byte stream cut at awkward places', async () => {
    const text = `data: ${chunk('Hello')}\n\ndata: ${chunk(' wörld')}\n\ndata: {"choices":[],"usage":{"prompt_tokens":3,"completion_tokens":2}}\n\ndata: [DONE]\n\n`;
    const bytes = new TextEncoder().encode(text);
    // Split inside the multi-byte "ö" to prove decoding is streaming-safe.
    const cut = text.indexOf('ö') + 9;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, cut));
        controller.enqueue(bytes.slice(cut, cut + 1));
        controller.enqueue(bytes.slice(cut + 1));
        controller.close();
      },
    });
    const updates: ChatStreamUpdate[] = [];
    await readChatStream(body, (u) => updates.push(u));
    const text_ = updates.flatMap((u) => (u.type === 'delta' ? [u.text] : [])).join('');
    expect(text_).toBe('Hello wörld');
    expect(updates.filter((u) => u.type === 'usage')).toEqual([
      {
        type: 'usage',
        usage: { promptTokens: 3, completionTokens: 2, cachedTokens: 0, reasoningTokens: 0 },
      },
    ]);
    expect(updates.at(-1)).toEqual({ type: 'done' });
  });
});
