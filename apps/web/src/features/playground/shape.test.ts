import { describe, expect, it } from 'vitest';
import { chatRequestBody, describeModel, outputSpeed, runCost, runTimings } from './shape';
import type { CatalogModel } from '@gateway/contracts';

const pricing = { input: 0.00000015, output: 0.0000006, cached_input: 0.000000075 };

function model(overrides: Partial<CatalogModel> = {}): CatalogModel {
  return {
    name: 'gpt-4o-mini',
    provider: 'openai',
    mode: 'chat',
    context_window: 128000,
    max_output_tokens: 16384,
    pricing,
    capabilities: {},
    routable: true,
    configured: true,
    ...overrides,
  };
}

describe('runCost', () => {
  it('prices prompt, cached prompt and completion tokens separately', () => {
    const cost = runCost(
      { promptTokens: 1000, completionTokens: 500, cachedTokens: 400, reasoningTokens: 0 },
      pricing,
    );
    expect(cost).toBeCloseTo(600 * 0.00000015 + 400 * 0.000000075 + 500 * 0.0000006, 12);
  });

  it('charges cached tokens at the input price when no cached price is known', () => {
    const cost = runCost(
      { promptTokens: 100, completionTokens: 0, cachedTokens: 100, reasoningTokens: 0 },
      { ...pricing, cached_input: null },
    );
    expect(cost).toBeCloseTo(100 * 0.00000015, 12);
  });

  it('is unknown when the model has no price', () => {
    expect(
      runCost(
        { promptTokens: 1, completionTokens: 1, cachedTokens: 0, reasoningTokens: 0 },
        { input: null, output: null, cached_input: null },
      ),
    ).toBeNull();
    expect(
      runCost(
        { promptTokens: 1, completionTokens: 1, cachedTokens: 0, reasoningTokens: 0 },
        undefined,
      ),
    ).toBeNull();
  });
});

describe('run timings', () => {
  it('measures latency and time to first token from the start', () => {
    expect(runTimings(1000, 1250, 1900)).toEqual({ latencyMs: 900, ttftMs: 250 });
    expect(runTimings(1000, null, null)).toEqual({ latencyMs: null, ttftMs: null });
  });

  it('computes output tokens per second after the first token', () => {
    expect(
      outputSpeed(
        { promptTokens: 1, completionTokens: 50, cachedTokens: 0, reasoningTokens: 0 },
        1000,
        1500,
      ),
    ).toBe(100);
    expect(outputSpeed(null, 1000, 1500)).toBeNull();
  });
});

describe('chat request', () => {
  it('builds a streaming OpenAI body that asks for usage and skips an empty system prompt', () => {
    expect(
      chatRequestBody({
        model: 'gpt-4o-mini',
        system: ' ',
        prompt: 'Hi',
        temperature: 0.2,
        maxTokens: 64,
      }),
    ).toEqual({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Hi' }],
      temperature: 0.2,
      max_tokens: 64,
      stream: true,
      stream_options: { include_usage: true },
    });
    const withSystem = chatRequestBody({
      model: 'm',
      system: 'Be brief',
      prompt: 'Hi',
      temperature: 1,
      maxTokens: 1,
    });
    expect(withSystem.messages).toEqual([
      { role: 'system', content: 'Be brief' },
      { role: 'user', content: 'Hi' },
    ]);
  });

  it('describes a catalog model with provider, prices per million and context', () => {
    expect(describeModel(model())).toBe('openai · $0.15 in / $0.60 out per 1M · 128K ctx');
  });

  it('prices images, speech and transcription in their own units', () => {
    const none = { input: null, output: null, cached_input: null };
    const image = model({
      name: 'dall-e-3',
      mode: 'image_generation',
      context_window: null,
      pricing: { ...none, per_image: 0.04 },
    });
    expect(describeModel(image)).toBe('openai · $0.04 per image');
    const speech = model({
      name: 'tts-1',
      mode: 'audio_speech',
      context_window: null,
      pricing: { ...none, input_per_character: 0.000015 },
    });
    expect(describeModel(speech)).toBe('openai · $15.00 per 1M characters');
    const transcription = model({
      name: 'whisper-1',
      mode: 'audio_transcription',
      context_window: null,
      pricing: { ...none, input_per_second: 0.0001, output_per_second: 0.0001 },
    });
    expect(describeModel(transcription)).toBe('openai · $0.006 per audio minute');
    expect(
      describeModel(
        model({ mode: 'embedding', context_window: 8191, pricing: { ...none, input: 2e-8 } }),
      ),
    ).toBe('openai · $0.020 per 1M tokens · 8,191 ctx');
    expect(describeModel(model({ mode: 'rerank', context_window: null, pricing: none }))).toBe(
      'openai · — in / — out per 1M',
    );
  });
});
