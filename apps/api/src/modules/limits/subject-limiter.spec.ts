import { createHook } from 'node:async_hooks';
import { DomainError } from '../../common/domain-errors';
import { isPromise } from '../../common/maybe-promise';
import { NANO_USD, type Demand } from './counter-windows';
import { DurableCounters } from './durable-counters';
import type { LimitSubject, SubjectLimits } from './limit-subject';
import { SpendLedger } from './spend-ledger';
import type { SpendRepository } from './spend.repository';
import { SubjectLimiter, type Admitted } from './subject-limiter';

// The in-process store (no REDIS_URL) on its own: the ledger writes to a database that holds nothing.
const emptyDatabase = {
  applyBatch: () => Promise.resolve([]),
  ofSubject: () => Promise.resolve([]),
  inPeriods: () => Promise.resolve([]),
} as unknown as SpendRepository;

function inProcessLimiter(now: () => number): SubjectLimiter {
  const ledger = new SpendLedger(emptyDatabase, 60_000, now);
  return new SubjectLimiter(
    { keyPrefix: 't:' },
    new DurableCounters(undefined, 't:', ledger, now),
    now,
  );
}

const key = (limits: SubjectLimits, id = 'k1'): LimitSubject => ({
  kind: 'key',
  id,
  label: "key 'k'",
  configPath: '',
  limits,
});

/** An admission that must have been answered synchronously (its 429 thrown directly). */
function admitNow(limiter: SubjectLimiter, subjects: LimitSubject[], demand: Demand): Admitted {
  const admitted = limiter.admit(subjects, demand);
  if (isPromise(admitted)) throw new Error('admission returned a promise');
  return admitted;
}

/** Promises created while `fn` runs (async_hooks sees every one, awaited or not). */
function promisesCreatedBy(fn: () => void): number {
  let created = 0;
  const hook = createHook({
    init: (_id, type) => {
      if (type === 'PROMISE') created++;
    },
  }).enable();
  try {
    fn();
  } finally {
    hook.disable();
  }
  return created;
}

describe('SubjectLimiter in process (no Redis)', () => {
  let clock: { t: number };
  let limiter: SubjectLimiter;
  const limits = { rpm: 2, tpm: 1000, budget_usd_per_day: 1 };

  beforeEach(() => {
    clock = { t: Date.parse('2026-03-10T12:00:00Z') };
    limiter = inProcessLimiter(() => clock.t);
  });
  afterEach(() => limiter.stop());

  it('admits and settles synchronously, creating no promise', () => {
    expect(promisesCreatedBy(() => void Promise.resolve())).toBe(1); // the hook sees promises
    const subject = key(limits);
    let admitted: unknown;
    let settled: unknown = 'not yet';
    const created = promisesCreatedBy(() => {
      const a = admitNow(limiter, [subject], { inputTokens: 10, costNano: 1000 });
      admitted = a;
      settled = limiter.settle(a.reservations, { inputTokens: 10, outputTokens: 5, costNano: 700 });
    });
    expect(created).toBe(0);
    expect(settled).toBeUndefined();
    expect(admitted).toMatchObject({
      headers: {
        'x-ratelimit-limit-requests': '2',
        'x-ratelimit-remaining-requests': '1',
        'x-ratelimit-reset-requests': '60s',
        'x-ratelimit-remaining-tokens': '990',
        'x-ratelimit-reset-usd': `${12 * 3600}s`,
      },
    });
  });

  it('throws the 429 synchronously and gives back what it reserved', async () => {
    const subject = key(limits);
    admitNow(limiter, [subject], { inputTokens: 0, costNano: 0 });
    admitNow(limiter, [subject], { inputTokens: 0, costNano: 0 });
    let thrown: unknown;
    const created = promisesCreatedBy(() => {
      try {
        admitNow(limiter, [subject], { inputTokens: 5, costNano: 5 });
      } catch (err) {
        thrown = err;
      }
    });
    expect(created).toBe(0);
    expect(thrown).toBeInstanceOf(DomainError);
    expect((thrown as DomainError).status).toBe(429);
    expect((thrown as DomainError).headers).toMatchObject({ 'retry-after': '60' });
    expect(await limiter.usage(subject)).toMatchObject({ rpm: 2, tpm: 0, budget_usd_per_day: 0 });
  });

  it("counts rolling windows on the limiter's clock", () => {
    const subject = key({ rpm: 1 });
    admitNow(limiter, [subject], { inputTokens: 0, costNano: 0 });
    expect(() => admitNow(limiter, [subject], { inputTokens: 0, costNano: 0 })).toThrow(
      DomainError,
    );
    clock.t += 60_000;
    expect(() => admitNow(limiter, [subject], { inputTokens: 0, costNano: 0 })).not.toThrow();
  });

  it('refuses over a budget with the budget named, synchronously', () => {
    const subject = key({ budget_usd_per_day: 0.000001 });
    admitNow(limiter, [subject], { inputTokens: 0, costNano: 1000 });
    expect(() => admitNow(limiter, [subject], { inputTokens: 0, costNano: 1 })).toThrow(
      /Budget of key 'k' exhausted: 0.000001 USD per day/,
    );
    clock.t = Date.parse('2026-03-11T00:00:00Z');
    expect(() =>
      admitNow(limiter, [subject], { inputTokens: 0, costNano: NANO_USD / 1_000_000 }),
    ).not.toThrow();
  });
});
