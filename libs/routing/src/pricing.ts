import { type ModelPricing, type PricingTier } from './types';

/**
 * Token counts in OpenAI semantics: `inputTokens` is the whole prompt, including the cached and
 * cache-written tokens; `outputTokens` is the whole completion, including reasoning tokens.
 * (Anthropic reports `input_tokens` without cache reads/writes: add them before calling.)
 */
export interface TokenUsage {
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cachedInputTokens?: number;
  readonly cacheWriteTokens?: number;
  readonly reasoningTokens?: number;
}

// Prices are held as integer pico-dollars per token (1e-12 USD), so USD 2.5e-6 becomes exactly
// 2_500_000 and every product/sum below is integer arithmetic, exact up to 2^53 (~9,000 USD per
// request); only the final division rounds.
const PICO = 1e12;

function toPico(usdPerToken: number): number {
  return Math.round(usdPerToken * PICO);
}

function assertCount(name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`${name} must be a finite, non-negative number (got ${value})`);
  }
}

/** The tier with the highest threshold below the prompt size, if any. */
function tierFor(pricing: ModelPricing, inputTokens: number): PricingTier | undefined {
  let chosen: PricingTier | undefined;
  for (const tier of pricing.tiers ?? []) {
    if (inputTokens > tier.aboveInputTokens) chosen = tier;
  }
  return chosen;
}

/**
 * Cost of one request in USD, or `null` when a price the usage needs is unknown (an unknown
 * price is never treated as free).
 *
 * - Cached prompt tokens cost `cachedInput`, or `input` when the cache price is unknown.
 * - Cache writes cost `cacheWrite`, or `input` when unknown (OpenAI-style implicit caching).
 * - Reasoning tokens are part of `outputTokens`; they cost `reasoning` when the model has a
 *   separate reasoning price and `output` otherwise.
 * - Above a long-context tier threshold (e.g. 200k prompt tokens), the tier's prices replace the
 *   base prices for the whole request, as Anthropic and Google bill it.
 *
 * @throws RangeError for negative or non-finite counts, or parts larger than their whole.
 */
export function costUsd(pricing: ModelPricing, usage: TokenUsage): number | null {
  const cached = usage.cachedInputTokens ?? 0;
  const writes = usage.cacheWriteTokens ?? 0;
  const reasoning = usage.reasoningTokens ?? 0;
  assertCount('inputTokens', usage.inputTokens);
  assertCount('outputTokens', usage.outputTokens);
  assertCount('cachedInputTokens', cached);
  assertCount('cacheWriteTokens', writes);
  assertCount('reasoningTokens', reasoning);
  if (cached + writes > usage.inputTokens) {
    throw new RangeError('cachedInputTokens + cacheWriteTokens exceed inputTokens');
  }
  if (reasoning > usage.outputTokens) {
    throw new RangeError('reasoningTokens exceed outputTokens');
  }

  const tier = tierFor(pricing, usage.inputTokens);
  const input = tier?.input ?? pricing.input;
  const output = tier?.output ?? pricing.output;
  const cachedInput = tier?.cachedInput ?? pricing.cachedInput ?? input;
  const cacheWrite = tier?.cacheWrite ?? pricing.cacheWrite ?? input;
  const reasoningPrice = pricing.reasoning;
  const plainOutput =
    reasoningPrice === undefined ? usage.outputTokens : usage.outputTokens - reasoning;

  const parts: [tokens: number, price: number | undefined][] = [
    [usage.inputTokens - cached - writes, input],
    [cached, cachedInput],
    [writes, cacheWrite],
    [plainOutput, output],
    [reasoningPrice === undefined ? 0 : reasoning, reasoningPrice],
  ];
  let pico = 0;
  for (const [tokens, price] of parts) {
    if (tokens === 0) continue;
    if (price === undefined) return null;
    pico += tokens * toPico(price);
  }
  return pico / PICO;
}
