import { formatCost, formatCount, formatPricePerMillion } from '@/lib/format';
import type { ChatUsage } from './chat-stream';
import type { CatalogModel, RouteBody } from '@gateway/contracts';

/** What the playground sends to `POST /v1/chat/completions` (the OpenAI request's main fields). */
export type ChatCompletionBody = RouteBody<'POST /v1/chat/completions'>;

/**
 * Cost of one run from catalog prices: uncached prompt tokens at the input price, cached ones
 * at the cached price (input price when the catalog has none), completion at the output price.
 * Null when a needed price is unknown, so the UI says "unknown" rather than "$0".
 */
export function runCost(
  usage: ChatUsage,
  pricing: CatalogModel['pricing'] | undefined,
): number | null {
  if (!pricing || pricing.input === null || pricing.output === null) return null;
  const cached = Math.min(usage.cachedTokens, usage.promptTokens);
  const cachedPrice = pricing.cached_input ?? pricing.input;
  return (
    (usage.promptTokens - cached) * pricing.input +
    cached * cachedPrice +
    usage.completionTokens * pricing.output
  );
}

export interface RunTimings {
  latencyMs: number | null;
  ttftMs: number | null;
}

export function runTimings(
  startedAt: number,
  firstTokenAt: number | null,
  endedAt: number | null,
): RunTimings {
  return {
    latencyMs: endedAt === null ? null : endedAt - startedAt,
    ttftMs: firstTokenAt === null ? null : firstTokenAt - startedAt,
  };
}

/** Tokens per second of the answer, counted from the first token. */
export function outputSpeed(
  usage: ChatUsage | null,
  firstTokenAt: number | null,
  endedAt: number | null,
): number | null {
  if (!usage || firstTokenAt === null || endedAt === null || endedAt <= firstTokenAt) return null;
  return usage.completionTokens / ((endedAt - firstTokenAt) / 1000);
}

export function describeModel(model: CatalogModel): string {
  const context = model.context_window
    ? `${formatCount(model.context_window)} ctx`
    : model.mode === 'chat'
      ? 'ctx unknown'
      : null;
  return [model.provider, priceSummary(model), context].filter(Boolean).join(' · ');
}

/** A model's prices in the units it is billed in: per image, per character, per audio minute, per token. */
export function priceSummary(model: CatalogModel): string {
  const p = model.pricing;
  const parts: string[] = [];
  if (typeof p.per_image === 'number') parts.push(`${formatCost(p.per_image)} per image`);
  if (typeof p.input_per_character === 'number')
    parts.push(`${formatPricePerMillion(p.input_per_character)} per 1M characters`);
  if (typeof p.input_per_second === 'number')
    parts.push(`${formatCost(p.input_per_second * 60)} per audio minute`);
  if (model.mode === 'audio_speech' && typeof p.output_per_second === 'number')
    parts.push(`${formatCost(p.output_per_second * 60)} per minute of speech`);
  const tokens = p.input !== null || p.output !== null || parts.length === 0;
  // Embeddings produce no tokens: their one price is per input token.
  if (model.mode === 'embedding') parts.push(`${formatPricePerMillion(p.input)} per 1M tokens`);
  else if (tokens)
    parts.push(
      `${formatPricePerMillion(p.input)} in / ${formatPricePerMillion(p.output)} out per 1M`,
    );
  return parts.join(' · ');
}

export interface ChatRequestSettings {
  model: string;
  system: string;
  prompt: string;
  temperature: number;
  maxTokens: number;
}

export function chatRequestBody(settings: ChatRequestSettings): ChatCompletionBody {
  const messages: ChatCompletionBody['messages'] = [
    ...(settings.system.trim() ? [{ role: 'system' as const, content: settings.system }] : []),
    { role: 'user', content: settings.prompt },
  ];
  return {
    model: settings.model,
    messages,
    temperature: settings.temperature,
    max_tokens: settings.maxTokens,
    stream: true,
    stream_options: { include_usage: true },
  };
}
