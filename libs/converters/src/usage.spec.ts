import { usageFromAnthropic, usageToAnthropic } from './anthropic/usage';
import { usageFromGemini, usageToGemini } from './gemini/usage';
import { CODECS, WIRE_FORMATS } from './index';
import { usageFromOpenAIChat, usageToOpenAIChat } from './openai-chat/usage';
import { usageToResponses } from './openai-responses/usage';

describe('usage math', () => {
  it('adds Anthropic cache reads and writes to the OpenAI-semantics input total', () => {
    const u = usageFromAnthropic({
      input_tokens: 20,
      cache_read_input_tokens: 100,
      cache_creation_input_tokens: 5,
      output_tokens: 12,
    });
    expect(u).toEqual({
      inputTokens: 125,
      cachedInputTokens: 100,
      cacheWriteTokens: 5,
      outputTokens: 12,
      reasoningTokens: 0,
    });
    expect(usageToOpenAIChat(u)).toMatchObject({
      prompt_tokens: 125,
      completion_tokens: 12,
      total_tokens: 137,
      prompt_tokens_details: { cached_tokens: 100 },
    });
  });

  it('subtracts cached tokens when giving OpenAI usage to an Anthropic client (no double count)', () => {
    const u = usageFromOpenAIChat({
      prompt_tokens: 120,
      completion_tokens: 12,
      prompt_tokens_details: { cached_tokens: 100 },
    });
    expect(usageToAnthropic(u)).toEqual({
      input_tokens: 20,
      cache_read_input_tokens: 100,
      cache_creation_input_tokens: 0,
      output_tokens: 12,
    });
  });

  it('counts Gemini thoughts as output and reasoning', () => {
    const u = usageFromGemini({
      promptTokenCount: 40,
      candidatesTokenCount: 10,
      thoughtsTokenCount: 290,
      cachedContentTokenCount: 8,
    });
    expect(u).toEqual({
      inputTokens: 40,
      cachedInputTokens: 8,
      cacheWriteTokens: 0,
      outputTokens: 300,
      reasoningTokens: 290,
    });
    expect(usageToOpenAIChat(u)).toMatchObject({
      completion_tokens: 300,
      completion_tokens_details: { reasoning_tokens: 290 },
    });
  });

  it('splits OpenAI completion tokens into Gemini candidates and thoughts', () => {
    const u = usageFromOpenAIChat({
      prompt_tokens: 40,
      completion_tokens: 300,
      completion_tokens_details: { reasoning_tokens: 290 },
    });
    expect(usageToGemini(u)).toEqual({
      promptTokenCount: 40,
      candidatesTokenCount: 10,
      thoughtsTokenCount: 290,
      totalTokenCount: 340,
    });
  });

  it('keeps earlier Anthropic counters when message_delta sends only output_tokens', () => {
    const start = usageFromAnthropic({
      input_tokens: 20,
      cache_read_input_tokens: 100,
      output_tokens: 1,
    });
    expect(usageFromAnthropic({ output_tokens: 42 }, start)).toEqual({
      ...start,
      outputTokens: 42,
    });
  });

  it('renames for Responses clients', () => {
    const u = usageFromOpenAIChat({
      prompt_tokens: 5,
      completion_tokens: 7,
      prompt_tokens_details: { cached_tokens: 2 },
    });
    expect(usageToResponses(u)).toEqual({
      input_tokens: 5,
      input_tokens_details: { cached_tokens: 2 },
      output_tokens: 7,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: 12,
    });
  });
});

describe('usage codecs (the one reader for converted and pass-through traffic)', () => {
  it('reports no usage for a body or event without one, in every format', () => {
    for (const format of WIRE_FORMATS) {
      expect(CODECS[format].usage.fromBody({})).toBeUndefined();
      expect(CODECS[format].usage.fromBody({ usage: null })).toBeUndefined();
      expect(CODECS[format].usage.fromStreamEvent({ type: 'ping' })).toBeUndefined();
    }
  });

  it('reads an Anthropic stream: cache reads, writes and thinking from message_start on', () => {
    const { usage } = CODECS['anthropic-messages'];
    const start = usage.fromStreamEvent({
      type: 'message_start',
      message: {
        usage: {
          input_tokens: 10,
          cache_read_input_tokens: 300,
          cache_creation_input_tokens: 40,
          output_tokens: 1,
        },
      },
    });
    const end = usage.fromStreamEvent(
      {
        type: 'message_delta',
        usage: { output_tokens: 90, output_tokens_details: { thinking_tokens: 60 } },
      },
      start,
    );
    expect(end).toEqual({
      inputTokens: 350,
      cachedInputTokens: 300,
      cacheWriteTokens: 40,
      outputTokens: 90,
      reasoningTokens: 60,
    });
    expect(
      usage.fromBody({
        usage: {
          input_tokens: 10,
          cache_read_input_tokens: 300,
          cache_creation_input_tokens: 40,
          output_tokens: 90,
          output_tokens_details: { thinking_tokens: 60 },
        },
      }),
    ).toEqual(end);
  });

  it('finds usage where each format streams it', () => {
    expect(
      CODECS['openai-chat'].usage.fromStreamEvent({ usage: { prompt_tokens: 3 } }),
    ).toMatchObject({
      inputTokens: 3,
    });
    expect(
      CODECS['openai-responses'].usage.fromStreamEvent({
        type: 'response.completed',
        response: { usage: { input_tokens: 4 } },
      }),
    ).toMatchObject({ inputTokens: 4 });
    expect(
      CODECS.gemini.usage.fromStreamEvent({ usageMetadata: { promptTokenCount: 5 } }),
    ).toMatchObject({ inputTokens: 5 });
  });
});
