import { ModelCatalog } from './catalog/model-catalog';
import { meteredCostUsd } from './metered-pricing';

const close = (actual: number | null, expected: number) => {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - expected)).toBeLessThan(1e-12);
};

const catalog = ModelCatalog.load();
const pricingOf = (model: string) => catalog.resolve(model).entry.pricing;
const NO_TOKENS = { inputTokens: 0, outputTokens: 0 };

describe('meteredCostUsd', () => {
  it('prices embeddings by their input tokens', () => {
    close(
      meteredCostUsd(pricingOf('text-embedding-3-small'), { inputTokens: 1000, outputTokens: 0 }),
      0.00002,
    );
  });

  it('prices DALL·E images per image, and a size/quality tier per pixel', () => {
    close(meteredCostUsd(pricingOf('dall-e-3'), NO_TOKENS, { images: 2 }), 0.08);
    const hd = catalog.get('openai', 'hd/1024-x-1792/dall-e-3')!.pricing;
    close(
      meteredCostUsd(hd, NO_TOKENS, { images: 1, pixels: 1024 * 1792 }),
      1024 * 1792 * 6.539e-8,
    );
  });

  it('prices Imagen and Gemini image models per output image', () => {
    close(
      meteredCostUsd(pricingOf('gemini/imagen-4.0-generate-001'), NO_TOKENS, { images: 3 }),
      0.12,
    );
  });

  it('prices GPT image tokens at the image-token prices', () => {
    // 50 text prompt tokens at 5 µ$, 4160 image output tokens at 40 µ$.
    close(
      meteredCostUsd(
        pricingOf('gpt-image-1'),
        { inputTokens: 50, outputTokens: 4160 },
        { outputImageTokens: 4160 },
      ),
      50 * 0.000005 + 4160 * 0.00004,
    );
  });

  it('prices speech per input character, transcription per second of audio', () => {
    close(meteredCostUsd(pricingOf('tts-1'), NO_TOKENS, { inputCharacters: 1000 }), 0.015);
    close(meteredCostUsd(pricingOf('whisper-1'), NO_TOKENS, { inputAudioSeconds: 90 }), 0.009);
  });

  it('prices audio prompt tokens at the audio-token price', () => {
    close(
      meteredCostUsd(
        pricingOf('gpt-4o-transcribe'),
        { inputTokens: 120, outputTokens: 30 },
        { inputAudioTokens: 100 },
      ),
      120 * 0.0000025 + 30 * 0.00001,
    );
  });

  it('prices streamed speech by its text and audio tokens', () => {
    close(
      meteredCostUsd(
        pricingOf('gpt-4o-mini-tts'),
        { inputTokens: 10, outputTokens: 500 },
        { outputAudioTokens: 500 },
      ),
      10 * 0.0000025 + 500 * 0.000012,
    );
  });

  it('prices a Cohere rerank per search, a Voyage rerank per token', () => {
    close(meteredCostUsd(pricingOf('rerank-v3.5'), NO_TOKENS, { queries: 1 }), 0.002);
    close(
      meteredCostUsd(pricingOf('voyage/rerank-2'), { inputTokens: 2000, outputTokens: 0 }),
      0.0001,
    );
  });

  it('is null when a billed unit has no price, never 0', () => {
    expect(meteredCostUsd(pricingOf('whisper-1'), NO_TOKENS, { inputCharacters: 10 })).toBeNull();
    expect(
      meteredCostUsd(pricingOf('gpt-4o-mini-tts'), NO_TOKENS, { inputCharacters: 10 }),
    ).toBeNull();
    expect(meteredCostUsd({}, NO_TOKENS, { images: 1 })).toBeNull();
  });

  it('refuses negative quantities and parts larger than their whole', () => {
    expect(() => meteredCostUsd({}, NO_TOKENS, { queries: -1 })).toThrow(RangeError);
    expect(() =>
      meteredCostUsd({}, { inputTokens: 1, outputTokens: 0 }, { inputAudioTokens: 2 }),
    ).toThrow(RangeError);
  });
});
