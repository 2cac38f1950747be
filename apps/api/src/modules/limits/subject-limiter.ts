import type Redis from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { COUNTER_NAMES, type CounterName, type SubjectKind } from '@gateway/contracts';
import { DomainError, ErrorCode } from '../../common/domain-errors';
import { refKey, type CounterRef } from './counter-ref';
import {
  actualPoints,
  demandPoints,
  DESCRIPTION,
  DURABLE_COUNTERS,
  isDurable,
  limitPoints,
  NANO_USD,
  periodId,
  periodOf,
  ROLLING_COUNTERS,
  startOfNextPeriod,
  WINDOWS,
  type Actual,
  type Demand,
  type RollingCounter,
} from './counter-windows';
import type { DurableCounters } from './durable-counters';
import { limitPath, type LimitSubject } from './limit-subject';
import type { StoreTag } from './memory-durable-counters';
import { rateLimitHeaders, seconds, type Counted } from './rate-limit-headers';

// Rolling counters never reject inside the library: each subject's own limit is compared here, so
// a limit can change without losing what was already counted, and one limiter serves every subject.
const UNBOUNDED = Number.MAX_SAFE_INTEGER;

/** What one admission reserved, for `settle` to correct to the actual usage. */
export interface Reservations {
  rolling: { counter: RollingCounter; key: string; points: number }[];
  durable: { ref: CounterRef; points: number }[];
  /** The store holding the durable reservations. */
  tag?: StoreTag;
}

interface Planned extends Counted {
  subject: LimitSubject;
  rollingKey?: string;
  ref?: CounterRef;
}

function rollingKey(subject: Pick<LimitSubject, 'kind' | 'id'>): string {
  return `${subject.kind}:${subject.id}`;
}

/**
 * Request, token and budget counters of every subject (key, end user, gateway, team). Rate limits
 * (rolling windows) are ephemeral, on rate-limiter-flexible: Redis with an in-memory insurance
 * limiter, or memory. Token quotas and budgets (calendar windows) are durable (`DurableCounters`).
 *
 * Admission reserves the estimate (1 request, the prompt's tokens, the cost at `max_tokens`) on every
 * counter of every subject at once; any counter over its limit undoes the whole reservation and
 * answers 429 naming the subject and the limit. Settlement corrects each counter to the actual usage.
 */
export class SubjectLimiter {
  private readonly rolling = new Map<RollingCounter, RateLimiterAbstract>();

  constructor(
    opts: { redis?: Redis; keyPrefix: string },
    readonly durable: DurableCounters,
    private readonly now: () => number = Date.now,
  ) {
    for (const counter of ROLLING_COUNTERS) {
      const window = WINDOWS[counter] as { seconds: number };
      const keyPrefix = `${opts.keyPrefix}lim:${counter}`;
      const memory = new RateLimiterMemory({
        points: UNBOUNDED,
        duration: window.seconds,
        keyPrefix,
      });
      this.rolling.set(
        counter,
        opts.redis
          ? new RateLimiterRedis({
              storeClient: opts.redis,
              points: UNBOUNDED,
              duration: window.seconds,
              keyPrefix,
              insuranceLimiter: memory,
            })
          : memory,
      );
    }
  }

  start(): Promise<void> {
    return this.durable.start();
  }

  stop(): Promise<void> {
    return this.durable.stop();
  }

  /** Reserves the demand on every limited counter of every subject, or throws a 429 naming the limit hit. */
  async admit(
    subjects: readonly LimitSubject[],
    demand: Demand,
  ): Promise<{ reservations: Reservations; headers: Record<string, string> }> {
    const now = this.now();
    const planned = plan(subjects, demand, now);
    const rolling = planned.filter((p) => p.rollingKey !== undefined);
    const durable = planned.filter((p) => p.ref !== undefined);
    const [rollingResults, durableOutcome] = await Promise.all([
      Promise.all(rolling.map((p) => this.limiter(p.counter).consume(p.rollingKey!, p.points))),
      durable.length > 0
        ? this.durable.reserve(
            durable.map((p) => ({ ref: p.ref!, points: p.points, limit: p.limit })),
          )
        : undefined,
    ]);
    rolling.forEach((p, i) => {
      p.consumed = rollingResults[i].consumedPoints;
      p.resetMs = rollingResults[i].msBeforeNext;
    });
    durable.forEach((p, i) => {
      const value = durableOutcome!.values[i];
      p.consumed = durableOutcome!.ok ? value : value + p.points;
    });
    // A demand of zero (output tokens are unknown before the answer) is refused once the counter is full.
    let over = rolling.find(
      (c) => c.consumed > c.limit || (c.points === 0 && c.consumed >= c.limit),
    );
    if (!over && durableOutcome && !durableOutcome.ok) over = durable[durableOutcome.index];
    const reservations: Reservations = {
      rolling: rolling.map((p) => ({
        counter: p.counter as RollingCounter,
        key: p.rollingKey!,
        points: p.points,
      })),
      durable: durable.map((p) => ({ ref: p.ref!, points: p.points })),
      tag: durableOutcome?.ok ? durableOutcome.tag : undefined,
    };
    if (over) {
      await this.settle(reservations, { inputTokens: 0, outputTokens: 0, costNano: 0 }, true);
      throw rejection(over, planned, demand);
    }
    return { reservations, headers: rateLimitHeaders(planned) };
  }

  /**
   * Corrects every reserved counter from the estimate to what the request actually used; the
   * durable part also goes to the ledger (Postgres). `undo` gives back a refused admission.
   */
  async settle(reservations: Reservations, actual: Actual, undo = false): Promise<void> {
    const { rolling, durable, tag } = reservations;
    await Promise.all([
      ...rolling.map((r) => {
        const delta = (undo ? 0 : actualPoints(r.counter, actual)) - r.points;
        const limiter = this.limiter(r.counter);
        if (delta > 0) return limiter.penalty(r.key, delta);
        if (delta < 0) return limiter.reward(r.key, -delta);
        return undefined;
      }),
      tag && durable.length > 0
        ? this.durable.settle(
            tag,
            durable.map((d) => ({
              ref: d.ref,
              reserved: d.points,
              actual: undo ? 0 : actualPoints(d.ref.counter, actual),
            })),
          )
        : undefined,
    ]);
  }

  /** Counter values of one subject in the current windows (requests, tokens, nano-USD). */
  async usage(subject: Pick<LimitSubject, 'kind' | 'id'>): Promise<Record<CounterName, number>> {
    const now = this.now();
    const out = {} as Record<CounterName, number>;
    await Promise.all(
      ROLLING_COUNTERS.map(async (counter) => {
        const res = await this.limiter(counter).get(rollingKey(subject));
        out[counter] = res?.consumedPoints ?? 0;
      }),
    );
    const refs = DURABLE_COUNTERS.map((counter) => durableRef(subject, counter, now));
    const live = await this.durable.read(refs);
    const persisted = live.some((v) => v === undefined)
      ? await this.durable.ledger.persisted(subject.kind, subject.id)
      : undefined;
    refs.forEach((ref, i) => {
      out[ref.counter] = live[i] ?? persisted?.get(refKey(ref)) ?? 0;
    });
    return Object.fromEntries(COUNTER_NAMES.map((c) => [c, out[c]])) as Record<CounterName, number>;
  }

  private limiter(counter: CounterName): RateLimiterAbstract {
    return this.rolling.get(counter as RollingCounter)!;
  }
}

function durableRef(
  subject: { kind: SubjectKind; id: string },
  counter: (typeof DURABLE_COUNTERS)[number],
  now: number,
): CounterRef {
  return {
    subjectKind: subject.kind,
    subjectId: subject.id,
    counter,
    period: periodId(periodOf(counter), now),
  };
}

function plan(subjects: readonly LimitSubject[], demand: Demand, now: number): Planned[] {
  return subjects.flatMap((subject) =>
    COUNTER_NAMES.flatMap((counter): Planned[] => {
      const limit = limitPoints(counter, subject.limits);
      if (limit === undefined) return [];
      const base = { subject, counter, limit, points: demandPoints(counter, demand), consumed: 0 };
      if (!isDurable(counter)) {
        return [{ ...base, resetMs: 0, rollingKey: rollingKey(subject) }];
      }
      return [
        {
          ...base,
          resetMs: startOfNextPeriod(periodOf(counter), now) - now,
          ref: durableRef(subject, counter, now),
        },
      ];
    }),
  );
}

function rejection(over: Planned, all: Planned[], demand: Demand): DomainError {
  const headers = rateLimitHeaders(all, over);
  headers['retry-after'] = String(seconds(over.resetMs));
  const { subject, counter } = over;
  const name = `${over.limit / (counter.startsWith('budget_') ? NANO_USD : 1)} ${DESCRIPTION[counter]}`;
  const path = limitPath(subject, counter);
  let message: string;
  if (counter.startsWith('budget_')) {
    const spent = (over.consumed - over.points) / NANO_USD;
    message =
      `Budget of ${subject.label} exhausted: ${name} (${path}), ` +
      `${spent.toFixed(6)} spent, this request may cost up to ${(demand.costNano / NANO_USD).toFixed(6)}.`;
  } else {
    message = `Rate limit reached for ${subject.label}: ${name} (${path}).`;
  }
  message += ` Retry after ${headers['retry-after']} s.`;
  return new DomainError(ErrorCode.RateLimited, message, { headers });
}
