import { readAnswerTail } from './answer-tail';
import { usageFromBody } from './usage';

const openai = {
  id: 'chatcmpl-1',
  object: 'chat.completion',
  choices: [{ index: 0, message: { role: 'assistant', content: 'say "usage": {} here' } }],
  usage: {
    prompt_tokens: 12,
    completion_tokens: 5,
    total_tokens: 17,
    prompt_tokens_details: { cached_tokens: 4 },
  },
  system_fingerprint: 'fp_1',
};

const anthropic = {
  id: 'msg_1',
  type: 'message',
  content: [{ type: 'tool_use', id: 't', name: 'f', input: { usage: { input_tokens: 999 } } }],
  stop_reason: 'tool_use',
  usage: { input_tokens: 7, output_tokens: 3, cache_read_input_tokens: 2 },
};

const gemini = {
  candidates: [{ content: { parts: [{ text: 'hi' }] }, finishReason: 'STOP' }],
  usageMetadata: { promptTokenCount: 9, candidatesTokenCount: 2, thoughtsTokenCount: 1 },
  modelVersion: 'gemini-2.5-flash',
  responseId: 'r1',
};

describe('readAnswerTail', () => {
  it.each([
    ['openai-chat', openai, 'chatcmpl-1'],
    ['anthropic-messages', anthropic, 'msg_1'],
    ['gemini', gemini, undefined],
  ] as const)(
    'reads the same usage as a full parse (%s), compact and pretty',
    (format, body, id) => {
      for (const text of [JSON.stringify(body), JSON.stringify(body, null, 2)]) {
        expect(readAnswerTail(format, text)).toEqual({ usage: usageFromBody(format, body), id });
      }
    },
  );

  it('does not take a usage object nested in a tool input for the answer’s own', () => {
    // Top-level usage first, a nested one last: the last "usage" is not the answer's.
    const { usage, ...rest } = anthropic;
    const text = JSON.stringify({ usage, ...rest });
    expect(readAnswerTail('anthropic-messages', text)).toBeUndefined();
  });

  it('gives up (the caller parses the whole body) on anything uncertain', () => {
    expect(readAnswerTail('openai-chat', '{"id":"x","choices":[]}')).toBeUndefined();
    expect(readAnswerTail('openai-chat', '<html>bad gateway</html>')).toBeUndefined();
    expect(readAnswerTail('openai-chat', '{"object":"usage"}')).toBeUndefined();
    expect(readAnswerTail('openai-chat', '{"usage":{"prompt_tokens":1')).toBeUndefined();
    expect(readAnswerTail('openai-chat', '{"usage":{"prompt_tokens":1}}}')).toBeUndefined();
    expect(readAnswerTail('openai-chat', '{"usage":{"prompt_tokens":1,}}')).toBeUndefined();
    expect(readAnswerTail('openai-chat', '[{"usage":{"prompt_tokens":1}}]')).toBeUndefined();
  });

  it('skips braces and quotes inside strings after the usage', () => {
    const text = '{"id":"a","usage":{"prompt_tokens":1,"completion_tokens":2},"note":"}\\"{"}';
    expect(readAnswerTail('openai-chat', text)?.usage).toEqual(
      usageFromBody('openai-chat', JSON.parse(text)),
    );
  });
});
