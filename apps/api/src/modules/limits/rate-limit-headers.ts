import type { CounterName } from '@gateway/contracts';
import { NANO_USD } from './counter-windows';

/** One counter as admission found it: its limit, its value with this request, time to its reset. */
export interface Counted {
  counter: CounterName;
  limit: number;
  points: number;
  consumed: number;
  resetMs: number;
}

const REQUEST_COUNTERS: readonly CounterName[] = ['rpm', 'rph', 'rpd'];
const TOKEN_COUNTERS: readonly CounterName[] = [
  'tpm',
  'input_tokens_per_day',
  'output_tokens_per_day',
];

export function seconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

/** The counter of a group with the least room left (several subjects may limit the same thing). */
function tightest(counted: readonly Counted[], names: readonly CounterName[]): Counted | undefined {
  let best: Counted | undefined;
  for (const c of counted) {
    if (!names.includes(c.counter)) continue;
    if (!best || c.limit - c.consumed < best.limit - best.consumed) best = c;
  }
  return best;
}

/**
 * OpenAI's header names (https://platform.openai.com/docs/guides/rate-limits): requests from the
 * limit that was hit, else the tightest request window; tokens from the limit hit, else the tightest
 * `tpm`; budgets get their own `-usd` trio.
 */
export function rateLimitHeaders(
  counted: readonly Counted[],
  over?: Counted,
): Record<string, string> {
  const headers: Record<string, string> = {};
  const pick = (names: readonly CounterName[], fallback: readonly CounterName[]) =>
    over && names.includes(over.counter) ? over : tightest(counted, fallback);
  const requests = pick(REQUEST_COUNTERS, REQUEST_COUNTERS);
  if (requests) {
    headers['x-ratelimit-limit-requests'] = String(requests.limit);
    headers['x-ratelimit-remaining-requests'] = String(
      Math.max(0, requests.limit - requests.consumed),
    );
    headers['x-ratelimit-reset-requests'] = `${seconds(requests.resetMs)}s`;
  }
  const tokens = pick(TOKEN_COUNTERS, ['tpm']);
  if (tokens) {
    headers['x-ratelimit-limit-tokens'] = String(tokens.limit);
    headers['x-ratelimit-remaining-tokens'] = String(Math.max(0, tokens.limit - tokens.consumed));
    headers['x-ratelimit-reset-tokens'] = `${seconds(tokens.resetMs)}s`;
  }
  const budget =
    over && over.counter.startsWith('budget_')
      ? over
      : (tightest(counted, ['budget_usd_per_day']) ?? tightest(counted, ['budget_usd_per_month']));
  if (budget) {
    headers['x-ratelimit-limit-usd'] = String(budget.limit / NANO_USD);
    headers['x-ratelimit-remaining-usd'] = String(
      Math.max(0, budget.limit - budget.consumed) / NANO_USD,
    );
    headers['x-ratelimit-reset-usd'] = `${seconds(budget.resetMs)}s`;
  }
  return headers;
}
