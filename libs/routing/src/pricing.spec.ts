import { ModelCatalog } from './catalog/model-catalog';
import { costUsd } from './pricing';
import { type ModelPricing } from './types';

const close = (actual: number | null, expected: number) => {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - expected)).toBeLessThan(1e-12);
};

describe('costUsd', () => {
  const sonnet: ModelPricing = {
    input: 0.000003,
    output: 0.000015,
    cachedInput: 3e-7,
    cacheWrite: 0.00000375,
    tiers: [{ aboveInputTokens: 200_000, input: 0.000006, output: 0.0000225, cachedInput: 6e-7 }],
  };

  it('charges input and output tokens at their prices', () => {
    close(costUsd(sonnet, { inputTokens: 1000, outputTokens: 500 }), 0.003 + 0.0075);
  });

  it('charges cached prompt tokens at the cache-read price, the rest at input', () => {
    // 800 cached × 0.3 µ$ + 200 × 3 µ$ + 100 × 15 µ$
    close(
      costUsd(sonnet, { inputTokens: 1000, cachedInputTokens: 800, outputTokens: 100 }),
      0.00024 + 0.0006 + 0.0015,
    );
  });

  it('charges cache writes at the cache-write price', () => {
    close(costUsd(sonnet, { inputTokens: 1000, cacheWriteTokens: 1000, outputTokens: 0 }), 0.00375);
  });

  it('falls back to the input price when no cache price is known', () => {
    const plain: ModelPricing = { input: 0.000002, output: 0.000008 };
    close(
      costUsd(plain, {
        inputTokens: 1000,
        cachedInputTokens: 400,
        cacheWriteTokens: 100,
        outputTokens: 0,
      }),
      0.002,
    );
  });

  it('switches the whole request to the long-context tier above its threshold', () => {
    close(costUsd(sonnet, { inputTokens: 250_000, outputTokens: 1000 }), 1.5 + 0.0225);
    close(costUsd(sonnet, { inputTokens: 200_000, outputTokens: 0 }), 0.6);
  });

  it('bills reasoning tokens at a separate reasoning price when one exists', () => {
    const priced: ModelPricing = { input: 0.000001, output: 0.000002, reasoning: 0.000003 };
    close(
      costUsd(priced, { inputTokens: 0, outputTokens: 100, reasoningTokens: 40 }),
      60 * 2e-6 + 40 * 3e-6,
    );
  });

  it('bills reasoning tokens as output when there is no reasoning price', () => {
    const priced: ModelPricing = { input: 0.000001, output: 0.000002 };
    close(costUsd(priced, { inputTokens: 0, outputTokens: 100, reasoningTokens: 40 }), 0.0002);
  });

  it('returns null when a needed price is unknown, never zero', () => {
    expect(costUsd({ input: 0.000001 }, { inputTokens: 10, outputTokens: 5 })).toBeNull();
    expect(costUsd({ output: 0.000001 }, { inputTokens: 10, outputTokens: 5 })).toBeNull();
    expect(costUsd({}, { inputTokens: 1, outputTokens: 0 })).toBeNull();
  });

  it('does not need a price for tokens that were not used', () => {
    expect(costUsd({ input: 0.000001 }, { inputTokens: 10, outputTokens: 0 })).toBe(0.00001);
    expect(costUsd({}, { inputTokens: 0, outputTokens: 0 })).toBe(0);
  });

  it('keeps explicit zero prices (free local models) as zero', () => {
    expect(costUsd({ input: 0, output: 0 }, { inputTokens: 1000, outputTokens: 1000 })).toBe(0);
  });

  it('sums many small prices without float drift', () => {
    const cheap: ModelPricing = { input: 1e-7, output: 3e-7, cachedInput: 2.5e-8 };
    expect(costUsd(cheap, { inputTokens: 3, cachedInputTokens: 1, outputTokens: 7 })).toBe(
      2.325e-6,
    );
    // Plain float math gives 0.30000000000000004 here.
    expect(
      costUsd({ input: 1e-7, output: 2e-7 }, { inputTokens: 1_000_000, outputTokens: 1_000_000 }),
    ).toBe(0.3);
  });

  it('rejects impossible usage', () => {
    expect(() => costUsd(sonnet, { inputTokens: -1, outputTokens: 0 })).toThrow(RangeError);
    expect(() =>
      costUsd(sonnet, { inputTokens: 10, cachedInputTokens: 11, outputTokens: 0 }),
    ).toThrow(RangeError);
    expect(() => costUsd(sonnet, { inputTokens: 0, outputTokens: 1, reasoningTokens: 2 })).toThrow(
      RangeError,
    );
  });

  it('prices a catalog entry with the figures from the table', () => {
    const { pricing } = ModelCatalog.load().resolve('claude-sonnet-4-5').entry;
    expect(pricing).toMatchObject({ input: 0.000003, output: 0.000015, cachedInput: 3e-7 });
    close(
      costUsd(pricing, { inputTokens: 10_000, cachedInputTokens: 9_000, outputTokens: 2_000 }),
      0.0027 + 0.003 + 0.03,
    );
  });
});
