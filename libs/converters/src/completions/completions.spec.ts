import { InvalidRequestError } from '../canonical/errors';
import type { CanonicalResponse } from '../canonical/types';
import { SseParser } from '../shared/sse';
import { completionsToChat } from './request';
import { canonicalToCompletionsResponse, CompletionsStreamEncoder } from './response';

const ctx = { id: 'req-1', created: 1700000000, requestedModel: 'claude-x', upstreamModel: 'u' };

describe('legacy completions as chat', () => {
  it('makes the prompt one user message and keeps the shared sampling fields', () => {
    expect(
      completionsToChat({
        model: 'claude-x',
        prompt: 'Say hi',
        max_tokens: 5,
        temperature: 0,
        stop: ['\n'],
        stream: true,
        stream_options: { include_usage: true },
        suffix: '!',
        best_of: 2,
        echo: true,
      }),
    ).toEqual({
      chat: {
        model: 'claude-x',
        messages: [{ role: 'user', content: 'Say hi' }],
        max_tokens: 5,
        temperature: 0,
        stop: ['\n'],
        stream: true,
        stream_options: { include_usage: true },
      },
      echo: 'Say hi',
      droppedParams: ['suffix', 'best_of'],
    });
    expect(completionsToChat({ model: 'm', prompt: ['only one'] }).chat.messages).toEqual([
      { role: 'user', content: 'only one' },
    ]);
  });

  it('refuses several prompts or token prompts for a chat model', () => {
    expect(() => completionsToChat({ model: 'm', prompt: ['a', 'b'] })).toThrow(/one by one/);
    expect(() => completionsToChat({ model: 'm', prompt: [1, 2] })).toThrow(InvalidRequestError);
  });

  it('answers the chat text as `text`', () => {
    const res: CanonicalResponse = {
      choices: [
        {
          index: 0,
          content: [
            { type: 'thinking', text: 'hmm' },
            { type: 'text', text: 'Hi' },
          ],
          finishReason: 'max_tokens',
        },
      ],
      usage: {
        inputTokens: 3,
        outputTokens: 1,
        cachedInputTokens: 0,
        cacheWriteTokens: 0,
        reasoningTokens: 0,
      },
    };
    expect(canonicalToCompletionsResponse(res, { ...ctx, echo: 'Say ' })).toEqual({
      id: 'cmpl-req-1',
      object: 'text_completion',
      created: 1700000000,
      model: 'claude-x',
      choices: [{ text: 'Say Hi', index: 0, logprobs: null, finish_reason: 'length' }],
      usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 },
    });
  });

  it('streams text chunks, the finish reason, usage when asked, then [DONE]', () => {
    const enc = new CompletionsStreamEncoder({ ...ctx, includeUsage: true });
    const usage = {
      inputTokens: 3,
      outputTokens: 2,
      cachedInputTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
    };
    let wire = enc.push({ type: 'start', id: 'x' });
    wire += enc.push({ type: 'text_delta', text: 'He' });
    wire += enc.push({ type: 'tool_call_start', index: 0, id: 'c', name: 'f' });
    wire += enc.push({ type: 'text_delta', text: 'llo' });
    wire += enc.push({ type: 'finish', reason: 'end_turn' });
    wire += enc.push({ type: 'usage', usage });
    wire += enc.end();
    const events = new SseParser().push(wire).map((e) => e.data);
    expect(events.at(-1)).toBe('[DONE]');
    const chunks = events.slice(0, -1).map((d) => JSON.parse(d) as Record<string, any>);
    expect(chunks.map((c) => c.choices[0]?.text ?? null)).toEqual(['He', 'llo', '', null]);
    expect(chunks[2].choices[0].finish_reason).toBe('stop');
    expect(chunks[3]).toMatchObject({
      object: 'text_completion',
      choices: [],
      usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
    });
  });

  it('ends an unfinished stream with an error the openai SDK raises', () => {
    const enc = new CompletionsStreamEncoder(ctx);
    const wire = enc.push({ type: 'text_delta', text: 'a' }) + enc.end();
    expect(wire).toContain('"error"');
    expect(wire).not.toContain('[DONE]');
  });
});
