import type Redis from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  type RateLimiterAbstract,
  type RateLimiterRes,
} from 'rate-limiter-flexible';
import { DomainError, ErrorCode } from '../../common/domain-errors';
import type { CallerKey } from './caller-key';
import type { KeyLimits } from './key.entity';
import type { LimitKind, Reservation } from './key-admission.types';

/** Budgets are counted in integer nano-dollars so Redis INCRBY stays exact. */
export const NANO_USD = 1e9;

// Counters never reject inside the library: the key's own limit is compared here, so a limit can
// change without losing what was already counted, and one limiter serves every key.
const UNBOUNDED = Number.MAX_SAFE_INTEGER;
const MAX_TIMER_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

type Window = { kind: 'rolling'; seconds: number } | { kind: 'calendar'; period: 'day' | 'month' };

const WINDOWS: Record<LimitKind, Window> = {
  rpm: { kind: 'rolling', seconds: 60 },
  rph: { kind: 'rolling', seconds: 3_600 },
  rpd: { kind: 'rolling', seconds: 86_400 },
  tpm: { kind: 'rolling', seconds: 60 },
  input_tokens_per_day: { kind: 'calendar', period: 'day' },
  output_tokens_per_day: { kind: 'calendar', period: 'day' },
  budget_usd_per_day: { kind: 'calendar', period: 'day' },
  budget_usd_per_month: { kind: 'calendar', period: 'month' },
};

const LIMIT_KINDS = Object.keys(WINDOWS) as LimitKind[];
const REQUEST_KINDS: LimitKind[] = ['rpm', 'rph', 'rpd'];

const DESCRIPTION: Record<LimitKind, string> = {
  rpm: 'requests per minute',
  rph: 'requests per hour',
  rpd: 'requests per day',
  tpm: 'tokens per minute',
  input_tokens_per_day: 'input tokens per day',
  output_tokens_per_day: 'output tokens per day',
  budget_usd_per_day: 'USD per day',
  budget_usd_per_month: 'USD per month',
};

export interface Demand {
  inputTokens: number;
  costNano: number;
}

export interface Actual {
  inputTokens: number;
  outputTokens: number;
  costNano: number;
}

function startOfNextPeriod(period: 'day' | 'month', now: number): number {
  const d = new Date(now);
  return period === 'day'
    ? Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1)
    : Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

function periodId(period: 'day' | 'month', now: number): string {
  const iso = new Date(now).toISOString();
  return period === 'day' ? iso.slice(0, 10) : iso.slice(0, 7);
}

function limitPoints(kind: LimitKind, limits: KeyLimits): number | undefined {
  const value = limits[kind];
  if (value === undefined || value === null) return undefined;
  return kind.startsWith('budget_') ? Math.round(value * NANO_USD) : value;
}

function demandPoints(kind: LimitKind, demand: Demand): number {
  switch (kind) {
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

function actualPoints(kind: LimitKind, actual: Actual): number {
  switch (kind) {
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

function seconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

interface Counted {
  kind: LimitKind;
  key: string;
  points: number;
  limit: number;
  consumed: number;
  resetMs: number;
}

/**
 * Per-key request, token and budget counters on rate-limiter-flexible: Redis (atomic INCRBY with
 * TTL in a Lua script, shared by every replica) when a client is given, else process memory. The
 * Redis store has an in-memory insurance limiter, so a Redis outage degrades to per-replica limits
 * instead of failing requests.
 *
 * Admission reserves the estimate (1 request, the prompt's tokens, the cost at `max_tokens`) on every
 * counter at once; any counter over its limit undoes the whole reservation and answers 429.
 * Settlement then corrects each counter from the estimate to the actual usage.
 */
export class KeyLimiter {
  private readonly limiters = new Map<LimitKind, RateLimiterAbstract>();

  constructor(
    opts: { redis?: Redis; keyPrefix: string },
    private readonly now: () => number = Date.now,
  ) {
    for (const kind of LIMIT_KINDS) {
      const window = WINDOWS[kind];
      // Calendar counters carry their period in the key; the TTL only cleans them up.
      const duration =
        window.kind === 'rolling' ? window.seconds : window.period === 'day' ? 90_000 : 32 * 86_400;
      const keyPrefix = `${opts.keyPrefix}lim:${kind}`;
      // The memory store expires keys with setTimeout, which overflows past 24.8 days: month
      // counters there never expire instead (one small entry per key and month).
      const memory = new RateLimiterMemory({
        points: UNBOUNDED,
        duration: duration > MAX_TIMER_SECONDS ? 0 : duration,
        keyPrefix,
      });
      this.limiters.set(
        kind,
        opts.redis
          ? new RateLimiterRedis({
              storeClient: opts.redis,
              points: UNBOUNDED,
              duration,
              keyPrefix,
              insuranceLimiter: memory,
            })
          : memory,
      );
    }
  }

  /** Reserves the demand on every limited counter or throws a 429 DomainError naming the limit hit. */
  async admit(
    caller: CallerKey,
    demand: Demand,
  ): Promise<{ reservations: Reservation[]; headers: Record<string, string> }> {
    const now = this.now();
    const planned = LIMIT_KINDS.flatMap((kind) => {
      const limit = limitPoints(kind, caller.limits);
      if (limit === undefined) return [];
      const window = WINDOWS[kind];
      const key =
        window.kind === 'rolling' ? caller.id : `${caller.id}:${periodId(window.period, now)}`;
      return [{ kind, key, limit, points: demandPoints(kind, demand) }];
    });
    const results = await Promise.all(
      planned.map((p) => this.limiters.get(p.kind)!.consume(p.key, p.points)),
    );
    const counted: Counted[] = planned.map((p, i) => ({
      ...p,
      consumed: results[i].consumedPoints,
      resetMs: this.resetMs(p.kind, results[i], now),
    }));
    // A demand of zero (output tokens are unknown before the answer) is refused once the counter is full.
    const over = counted.find(
      (c) => c.consumed > c.limit || (c.points === 0 && c.consumed >= c.limit),
    );
    if (over) {
      await Promise.all(
        counted
          .filter((c) => c.points > 0)
          .map((c) => this.limiters.get(c.kind)!.reward(c.key, c.points)),
      );
      throw this.rejection(caller, over, counted, demand);
    }
    return {
      reservations: counted.map(({ kind, key, points }) => ({ kind, key, points })),
      headers: rateLimitHeaders(counted),
    };
  }

  /** Corrects every reserved counter from the estimate to what the request actually used. */
  async settle(reservations: readonly Reservation[], actual: Actual): Promise<void> {
    await Promise.all(
      reservations.map((r) => {
        const delta = actualPoints(r.kind, actual) - r.points;
        const limiter = this.limiters.get(r.kind)!;
        if (delta > 0) return limiter.penalty(r.key, delta);
        if (delta < 0) return limiter.reward(r.key, -delta);
        return undefined;
      }),
    );
  }

  /** Current counter values of a key (for the management API and tests). */
  async usage(caller: Pick<CallerKey, 'id'>): Promise<Partial<Record<LimitKind, number>>> {
    const now = this.now();
    const out: Partial<Record<LimitKind, number>> = {};
    for (const kind of LIMIT_KINDS) {
      const window = WINDOWS[kind];
      const key =
        window.kind === 'rolling' ? caller.id : `${caller.id}:${periodId(window.period, now)}`;
      const res = await this.limiters.get(kind)!.get(key);
      out[kind] = res?.consumedPoints ?? 0;
    }
    return out;
  }

  private resetMs(kind: LimitKind, res: RateLimiterRes, now: number): number {
    const window = WINDOWS[kind];
    return window.kind === 'rolling'
      ? res.msBeforeNext
      : startOfNextPeriod(window.period, now) - now;
  }

  private rejection(caller: CallerKey, over: Counted, all: Counted[], demand: Demand): DomainError {
    const headers = rateLimitHeaders(all, over);
    headers['retry-after'] = String(seconds(over.resetMs));
    let message: string;
    if (over.kind.startsWith('budget_')) {
      const limit = over.limit / NANO_USD;
      const spent = (over.consumed - over.points) / NANO_USD;
      message =
        `Budget of key '${caller.name}' exhausted: ${limit} ${DESCRIPTION[over.kind]}, ` +
        `${spent.toFixed(6)} spent, this request may cost up to ${(demand.costNano / NANO_USD).toFixed(6)}.`;
    } else {
      message = `Rate limit reached for key '${caller.name}': ${over.limit} ${DESCRIPTION[over.kind]}.`;
    }
    message += ` Retry after ${headers['retry-after']} s.`;
    return new DomainError(ErrorCode.RateLimited, message, { headers });
  }
}

/**
 * OpenAI's header names (https://platform.openai.com/docs/guides/rate-limits): requests from the
 * tightest request window that applies, tokens from tpm; budgets get their own `-usd` pair.
 */
function rateLimitHeaders(counted: Counted[], over?: Counted): Record<string, string> {
  const headers: Record<string, string> = {};
  const requests =
    over && REQUEST_KINDS.includes(over.kind)
      ? over
      : REQUEST_KINDS.map((k) => counted.find((c) => c.kind === k)).find(Boolean);
  if (requests) {
    headers['x-ratelimit-limit-requests'] = String(requests.limit);
    headers['x-ratelimit-remaining-requests'] = String(
      Math.max(0, requests.limit - requests.consumed),
    );
    headers['x-ratelimit-reset-requests'] = `${seconds(requests.resetMs)}s`;
  }
  const tokens =
    over && (over.kind === 'tpm' || over.kind.endsWith('tokens_per_day'))
      ? over
      : counted.find((c) => c.kind === 'tpm');
  if (tokens) {
    headers['x-ratelimit-limit-tokens'] = String(tokens.limit);
    headers['x-ratelimit-remaining-tokens'] = String(Math.max(0, tokens.limit - tokens.consumed));
    headers['x-ratelimit-reset-tokens'] = `${seconds(tokens.resetMs)}s`;
  }
  const budget =
    over && over.kind.startsWith('budget_')
      ? over
      : (counted.find((c) => c.kind === 'budget_usd_per_day') ??
        counted.find((c) => c.kind === 'budget_usd_per_month'));
  if (budget) {
    headers['x-ratelimit-limit-usd'] = String(budget.limit / NANO_USD);
    headers['x-ratelimit-remaining-usd'] = String(
      Math.max(0, budget.limit - budget.consumed) / NANO_USD,
    );
    headers['x-ratelimit-reset-usd'] = `${seconds(budget.resetMs)}s`;
  }
  return headers;
}
