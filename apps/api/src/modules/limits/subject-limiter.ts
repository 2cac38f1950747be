import type Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import { COUNTER_NAMES, type CounterName, type SubjectKind } from '@gateway/contracts';
import { DomainError, ErrorCode } from '../../common/domain-errors';
import { isPromise, type MaybePromise } from '../../common/maybe-promise';
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
  periodSpan,
  ROLLING_COUNTERS,
  WINDOWS,
  type Actual,
  type Demand,
  type DurableCounter,
  type RollingCounter,
} from './counter-windows';
import type { DurableCounters } from './durable-counters';
import { limitPath, type LimitSubject } from './limit-subject';
import type { ReserveOutcome, StoreTag } from './memory-durable-counters';
import { MemoryRollingCounter, type RollingCount } from './memory-rolling-counter';
import { rateLimitHeaders, seconds, type Counted } from './rate-limit-headers';

// Rolling counters never reject inside the library: each subject's own limit is compared here, so
// a limit can change without losing what was already counted, and one limiter serves every subject.
const UNBOUNDED = Number.MAX_SAFE_INTEGER;

/** One rolling counter's store: synchronous in this process, promises on Redis. */
interface RollingStore {
  consume(key: string, points: number): MaybePromise<RollingCount>;
  penalty(key: string, points: number): MaybePromise<RollingCount>;
  reward(key: string, points: number): MaybePromise<RollingCount>;
  get(key: string): MaybePromise<RollingCount | null>;
}

/** What one admission reserved, for `settle` to correct to the actual usage. */
export interface Reservations {
  rolling: readonly { counter: RollingCounter; key: string; points: number }[];
  durable: readonly { ref: CounterRef; key: string; points: number }[];
  /** The store holding the durable reservations. */
  tag?: StoreTag;
}

export interface Admitted {
  reservations: Reservations;
  /** `x-ratelimit-*` headers for the answer. */
  headers: Record<string, string>;
}

interface Planned extends Counted {
  subject: LimitSubject;
}

interface PlannedRolling extends Planned {
  counter: RollingCounter;
  key: string;
}

interface PlannedDurable extends Planned {
  counter: DurableCounter;
  ref: CounterRef;
  /** `refKey(ref)`, built once for the reservation and its settlement. */
  key: string;
}

/** Every limited counter of an admission, in report order (`all`) and by store. */
interface Plan {
  all: Planned[];
  rolling: PlannedRolling[];
  durable: PlannedDurable[];
}

const NOTHING_USED: Actual = { inputTokens: 0, outputTokens: 0, costNano: 0 };

function rollingKey(subject: Pick<LimitSubject, 'kind' | 'id'>): string {
  return `${subject.kind}:${subject.id}`;
}

/**
 * Request, token and budget counters of every subject (key, end user, gateway, team). Rate limits
 * (rolling windows) are ephemeral: on Redis (rate-limiter-flexible, with an in-memory insurance
 * limiter), or in this process. Token quotas and budgets (calendar windows) are durable
 * (`DurableCounters`).
 *
 * Admission reserves the estimate (1 request, the prompt's tokens, the cost at `max_tokens`) on every
 * counter of every subject at once; any counter over its limit undoes the whole reservation and
 * answers 429 naming the subject and the limit. Settlement corrects each counter to the actual usage.
 *
 * Without Redis, admission and settlement are synchronous (they return their result and throw their
 * 429 directly, no promise on the request path); with Redis they return promises.
 */
export class SubjectLimiter {
  private readonly rolling = {} as Record<RollingCounter, RollingStore>;
  private readonly inProcess: MemoryRollingCounter[] = [];

  constructor(
    opts: { redis?: Redis; keyPrefix: string },
    readonly durable: DurableCounters,
    private readonly now: () => number = Date.now,
  ) {
    for (const counter of ROLLING_COUNTERS) {
      const window = WINDOWS[counter] as { seconds: number };
      if (opts.redis) {
        const keyPrefix = `${opts.keyPrefix}lim:${counter}`;
        this.rolling[counter] = new RateLimiterRedis({
          storeClient: opts.redis,
          points: UNBOUNDED,
          duration: window.seconds,
          keyPrefix,
          insuranceLimiter: new RateLimiterMemory({
            points: UNBOUNDED,
            duration: window.seconds,
            keyPrefix,
          }),
        });
      } else {
        const memory = new MemoryRollingCounter(window.seconds, now);
        this.inProcess.push(memory);
        this.rolling[counter] = memory;
      }
    }
  }

  start(): Promise<void> {
    return this.durable.start();
  }

  stop(): Promise<void> {
    for (const memory of this.inProcess) memory.stop();
    return this.durable.stop();
  }

  /**
   * Reserves the demand on every limited counter of every subject, or throws a 429 naming the limit
   * hit. Synchronous when every counter is in this process; a promise when one is on Redis.
   */
  admit(subjects: readonly LimitSubject[], demand: Demand): MaybePromise<Admitted> {
    const now = this.now();
    const plan = planOf(subjects, demand, now);
    let consuming: Promise<void>[] | undefined;
    for (const p of plan.rolling) {
      const result = this.rolling[p.counter].consume(p.key, p.points);
      if (isPromise(result)) (consuming ??= []).push(result.then((r) => counted(p, r)));
      else counted(p, result);
    }
    const reserved = plan.durable.length > 0 ? this.durable.reserve(plan.durable) : undefined;
    if (consuming || isPromise(reserved)) {
      return Promise.all([consuming && Promise.all(consuming), reserved]).then(([, outcome]) =>
        this.conclude(plan, demand, outcome),
      );
    }
    return this.conclude(plan, demand, reserved);
  }

  /**
   * Corrects every reserved counter from the estimate to what the request actually used; the
   * durable part also goes to the ledger (Postgres). `undo` gives back a refused admission.
   * Synchronous in this process; a promise when a counter is on Redis.
   */
  settle(reservations: Reservations, actual: Actual, undo = false): void | Promise<void> {
    const { rolling, durable, tag } = reservations;
    let pending: Promise<unknown>[] | undefined;
    for (const r of rolling) {
      const delta = (undo ? 0 : actualPoints(r.counter, actual)) - r.points;
      if (delta === 0) continue;
      const store = this.rolling[r.counter];
      const done = delta > 0 ? store.penalty(r.key, delta) : store.reward(r.key, -delta);
      if (isPromise(done)) (pending ??= []).push(done);
    }
    if (tag && durable.length > 0) {
      const done = this.durable.settle(
        tag,
        durable.map((d) => ({
          ref: d.ref,
          key: d.key,
          reserved: d.points,
          actual: undo ? 0 : actualPoints(d.ref.counter, actual),
        })),
      );
      if (done) (pending ??= []).push(done);
    }
    if (pending) return Promise.all(pending).then(() => undefined);
  }

  /** Counter values of one subject in the current windows (requests, tokens, nano-USD). */
  async usage(subject: Pick<LimitSubject, 'kind' | 'id'>): Promise<Record<CounterName, number>> {
    const now = this.now();
    const out = {} as Record<CounterName, number>;
    await Promise.all(
      ROLLING_COUNTERS.map(async (counter) => {
        const res = await this.rolling[counter].get(rollingKey(subject));
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

  /** The admission once every counter answered: admitted, or undone and refused with a 429. */
  private conclude(
    plan: Plan,
    demand: Demand,
    outcome: ReserveOutcome | undefined,
  ): MaybePromise<Admitted> {
    const { rolling, durable } = plan;
    if (outcome) {
      for (let i = 0; i < durable.length; i++) {
        const value = outcome.values[i];
        durable[i].consumed = outcome.ok ? value : value + durable[i].points;
      }
    }
    // A demand of zero (output tokens are unknown before the answer) is refused once the counter is full.
    let over: Planned | undefined;
    for (const c of rolling) {
      if (c.consumed > c.limit || (c.points === 0 && c.consumed >= c.limit)) {
        over = c;
        break;
      }
    }
    if (!over && outcome && !outcome.ok) over = durable[outcome.index];
    const reservations: Reservations = {
      rolling,
      durable,
      tag: outcome?.ok ? outcome.tag : undefined,
    };
    if (over) {
      const err = rejection(over, plan.all, demand);
      const undone = this.settle(reservations, NOTHING_USED, true);
      if (undone) {
        return undone.then(() => {
          throw err;
        });
      }
      throw err;
    }
    return { reservations, headers: rateLimitHeaders(plan.all) };
  }
}

function counted(p: Planned, result: RollingCount): void {
  p.consumed = result.consumedPoints;
  p.resetMs = result.msBeforeNext;
}

function durableRef(
  subject: { kind: SubjectKind; id: string },
  counter: DurableCounter,
  now: number,
): CounterRef {
  return {
    subjectKind: subject.kind,
    subjectId: subject.id,
    counter,
    period: periodId(periodOf(counter), now),
  };
}

function planOf(subjects: readonly LimitSubject[], demand: Demand, now: number): Plan {
  const plan: Plan = { all: [], rolling: [], durable: [] };
  for (const subject of subjects) {
    let key: string | undefined;
    for (const counter of COUNTER_NAMES) {
      const limit = limitPoints(counter, subject.limits);
      if (limit === undefined) continue;
      const points = demandPoints(counter, demand);
      if (isDurable(counter)) {
        const period = periodSpan(periodOf(counter), now);
        const ref = {
          subjectKind: subject.kind,
          subjectId: subject.id,
          counter,
          period: period.id,
        };
        const p: PlannedDurable = {
          subject,
          counter,
          limit,
          points,
          consumed: 0,
          resetMs: period.end - now,
          ref,
          key: refKey(ref),
        };
        plan.durable.push(p);
        plan.all.push(p);
      } else {
        key ??= rollingKey(subject);
        const p: PlannedRolling = { subject, counter, limit, points, consumed: 0, resetMs: 0, key };
        plan.rolling.push(p);
        plan.all.push(p);
      }
    }
  }
  return plan;
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
