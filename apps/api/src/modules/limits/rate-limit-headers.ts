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

/** Which header trio a counter reports in (`tokens` of a daily token quota only when it refused). */
const GROUP: Record<CounterName, 'requests' | 'tpm' | 'tokens' | 'usd_day' | 'usd_month'> = {
  rpm: 'requests',
  rph: 'requests',
  rpd: 'requests',
  tpm: 'tpm',
  input_tokens_per_day: 'tokens',
  output_tokens_per_day: 'tokens',
  budget_usd_per_day: 'usd_day',
  budget_usd_per_month: 'usd_month',
};

export function seconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

/** The counter with the least room left (several subjects may limit the same thing); the first on a tie. */
function tighter(best: Counted | undefined, c: Counted): Counted {
  return best === undefined || c.limit - c.consumed < best.limit - best.consumed ? c : best;
}

/**
 * OpenAI's header names (https://platform.openai.com/docs/guides/rate-limits): requests from the
 * limit that was hit, else the tightest request window; tokens from the limit hit, else the tightest
 * `tpm`; budgets get their own `-usd` trio (the limit hit, else the tightest daily, else monthly).
 */
export function rateLimitHeaders(
  counted: readonly Counted[],
  over?: Counted,
): Record<string, string> {
  let requests: Counted | undefined;
  let tokens: Counted | undefined;
  let usdDay: Counted | undefined;
  let usdMonth: Counted | undefined;
  for (const c of counted) {
    switch (GROUP[c.counter]) {
      case 'requests':
        requests = tighter(requests, c);
        break;
      case 'tpm':
        tokens = tighter(tokens, c);
        break;
      case 'usd_day':
        usdDay = tighter(usdDay, c);
        break;
      case 'usd_month':
        usdMonth = tighter(usdMonth, c);
        break;
      case 'tokens':
        break; // daily token quotas are reported only when one refused
    }
  }
  let budget = usdDay ?? usdMonth;
  if (over) {
    const group = GROUP[over.counter];
    if (group === 'requests') requests = over;
    else if (group === 'tpm' || group === 'tokens') tokens = over;
    else budget = over;
  }
  const headers: Record<string, string> = {};
  if (requests) {
    headers['x-ratelimit-limit-requests'] = String(requests.limit);
    headers['x-ratelimit-remaining-requests'] = String(
      Math.max(0, requests.limit - requests.consumed),
    );
    headers['x-ratelimit-reset-requests'] = `${seconds(requests.resetMs)}s`;
  }
  if (tokens) {
    headers['x-ratelimit-limit-tokens'] = String(tokens.limit);
    headers['x-ratelimit-remaining-tokens'] = String(Math.max(0, tokens.limit - tokens.consumed));
    headers['x-ratelimit-reset-tokens'] = `${seconds(tokens.resetMs)}s`;
  }
  if (budget) {
    headers['x-ratelimit-limit-usd'] = String(budget.limit / NANO_USD);
    headers['x-ratelimit-remaining-usd'] = String(
      Math.max(0, budget.limit - budget.consumed) / NANO_USD,
    );
    headers['x-ratelimit-reset-usd'] = `${seconds(budget.resetMs)}s`;
  }
  return headers;
}
