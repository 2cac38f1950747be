import { COUNTER_NAMES, type CounterName, type SubjectLimits } from '@gateway/contracts';

/** Budgets are counted in integer nano-dollars so Redis INCRBY and Postgres bigint stay exact. */
export const NANO_USD = 1e9;

/**
 * Rolling windows start at a subject's first request and are ephemeral (a restart or a Redis loss
 * forgives one window at most). Calendar windows (UTC day, month) hold token quotas and budgets:
 * those are durable, persisted in Postgres.
 */
export type Window = { kind: 'rolling'; seconds: number } | { kind: 'calendar'; period: Period };
export type Period = 'day' | 'month';

export const WINDOWS: Record<CounterName, Window> = {
  rpm: { kind: 'rolling', seconds: 60 },
  rph: { kind: 'rolling', seconds: 3_600 },
  rpd: { kind: 'rolling', seconds: 86_400 },
  tpm: { kind: 'rolling', seconds: 60 },
  input_tokens_per_day: { kind: 'calendar', period: 'day' },
  output_tokens_per_day: { kind: 'calendar', period: 'day' },
  budget_usd_per_day: { kind: 'calendar', period: 'day' },
  budget_usd_per_month: { kind: 'calendar', period: 'month' },
};

export type RollingCounter = 'rpm' | 'rph' | 'rpd' | 'tpm';
export type DurableCounter = Exclude<CounterName, RollingCounter>;

export const ROLLING_COUNTERS = COUNTER_NAMES.filter(
  (c): c is RollingCounter => WINDOWS[c].kind === 'rolling',
);
export const DURABLE_COUNTERS = COUNTER_NAMES.filter(
  (c): c is DurableCounter => WINDOWS[c].kind === 'calendar',
);

export function isDurable(counter: CounterName): counter is DurableCounter {
  return WINDOWS[counter].kind === 'calendar';
}

export function periodOf(counter: DurableCounter): Period {
  return (WINDOWS[counter] as { period: Period }).period;
}

/** One UTC day or month: its id, and its bounds in epoch ms (`start` included, `end` not). */
export interface PeriodSpan {
  readonly id: string;
  readonly start: number;
  readonly end: number;
}

const DAY_MS = 86_400_000;

// The span of the last instant asked about, per period: every request of a day asks for the same
// one, so its id (an ISO date string) and end are built once a day (or month), not per request.
const lastSpan: Record<Period, PeriodSpan> = {
  day: { id: '', start: 0, end: 0 },
  month: { id: '', start: 0, end: 0 },
};

/** The UTC day or month holding `now`. */
export function periodSpan(period: Period, now: number): PeriodSpan {
  const last = lastSpan[period];
  if (now >= last.start && now < last.end) return last;
  const at = new Date(now);
  const iso = at.toISOString();
  let span: PeriodSpan;
  if (period === 'day') {
    const start = Math.floor(at.getTime() / DAY_MS) * DAY_MS;
    span = { id: iso.slice(0, 10), start, end: start + DAY_MS };
  } else {
    const year = at.getUTCFullYear();
    const month = at.getUTCMonth();
    at.setUTCFullYear(year, month, 1);
    at.setUTCHours(0, 0, 0, 0);
    const start = at.getTime();
    at.setUTCFullYear(year, month + 1, 1);
    span = { id: iso.slice(0, 7), start, end: at.getTime() };
  }
  lastSpan[period] = span;
  return span;
}

/** `2026-03-10` for a day, `2026-03` for a month (UTC). */
export function periodId(period: Period, now: number): string {
  return periodSpan(period, now).id;
}

/** The current day and month, the periods whose counters can still refuse a request. */
export function currentPeriods(now: number): string[] {
  return [periodId('day', now), periodId('month', now)];
}

/** When a period id (`2026-03-10` or `2026-03`) ends, epoch ms. */
export function periodEnd(id: string): number {
  const [y, m, d] = id.split('-').map(Number);
  return d === undefined ? Date.UTC(y, m, 1) : Date.UTC(y, m - 1, d + 1);
}

export function startOfNextPeriod(period: Period, now: number): number {
  return periodSpan(period, now).end;
}

export interface Demand {
  inputTokens: number;
  costNano: number;
}

export interface Actual {
  inputTokens: number;
  outputTokens: number;
  costNano: number;
}

/** A subject's limit in counter units (nano-USD for budgets), undefined when unset. */
export function limitPoints(counter: CounterName, limits: SubjectLimits): number | undefined {
  const value = limits[counter];
  if (value === undefined || value === null) return undefined;
  return counter.startsWith('budget_') ? Math.round(value * NANO_USD) : value;
}

/** What admission reserves before the answer is known. */
export function demandPoints(counter: CounterName, demand: Demand): number {
  switch (counter) {
    case 'rpm':
    case 'rph':
    case 'rpd':
      return 1;
    case 'tpm':
    case 'input_tokens_per_day':
      return demand.inputTokens;
    case 'output_tokens_per_day':
      return 0;
    case 'budget_usd_per_day':
    case 'budget_usd_per_month':
      return demand.costNano;
  }
}

/** What settlement charges once the answer is known. */
export function actualPoints(counter: CounterName, actual: Actual): number {
  switch (counter) {
    case 'rpm':
    case 'rph':
    case 'rpd':
      return 1;
    case 'tpm':
      return actual.inputTokens + actual.outputTokens;
    case 'input_tokens_per_day':
      return actual.inputTokens;
    case 'output_tokens_per_day':
      return actual.outputTokens;
    case 'budget_usd_per_day':
    case 'budget_usd_per_month':
      return actual.costNano;
  }
}

export const DESCRIPTION: Record<CounterName, string> = {
  rpm: 'requests per minute',
  rph: 'requests per hour',
  rpd: 'requests per day',
  tpm: 'tokens per minute',
  input_tokens_per_day: 'input tokens per day',
  output_tokens_per_day: 'output tokens per day',
  budget_usd_per_day: 'USD per day',
  budget_usd_per_month: 'USD per month',
};

/** Counter values as the management API shows them (budgets in USD). */
export function displayUsage(usage: Record<CounterName, number>): Record<CounterName, number> {
  const out = {} as Record<CounterName, number>;
  for (const name of COUNTER_NAMES) {
    out[name] = name.startsWith('budget_') ? usage[name] / NANO_USD : usage[name];
  }
  return out;
}
