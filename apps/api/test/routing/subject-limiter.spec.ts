import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import { DomainError } from '../../src/common/domain-errors';
import { NANO_USD } from '../../src/modules/limits/counter-windows';
import { LEGACY_IMPORT_ID } from '../../src/modules/limits/legacy-redis-spend';
import { LimitUsageEntity } from '../../src/modules/limits/limit-usage.entity';
import { SpendRepository } from '../../src/modules/limits/spend.repository';
import type { SubjectLimiter } from '../../src/modules/limits/subject-limiter';
import { endUserSubject, keySubject, limiterOn, openDatabase } from '../support/limiter-stack';

const REDIS_URL =
  process.env.REDIS_URL_FOR_TESTS ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The 429 of an admission: thrown directly (counters in process) or rejected (on Redis). */
async function rejection(admit: () => unknown): Promise<DomainError> {
  try {
    await admit();
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error('expected a 429');
}

const demand = (inputTokens = 0, costNano = 0) => ({ inputTokens, costNano });
const used = (inputTokens: number, outputTokens: number, costNano: number) => ({
  inputTokens,
  outputTokens,
  costNano,
});

/** Deletes every Redis key of a prefix: what a Redis restart without persistence does to them. */
async function loseRedisKeys(redis: Redis, prefix: string): Promise<void> {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
}

let ds: DataSource;
beforeAll(async () => {
  ds = await openDatabase();
});
afterAll(() => ds?.destroy());

describe.each(['memory', 'redis'] as const)('SubjectLimiter on %s', (store) => {
  let redis: Redis | undefined;
  let clock: { t: number };
  let prefix: string;
  let limiter: SubjectLimiter;
  const replica = () => limiterOn(ds, { redis, keyPrefix: prefix, now: () => clock.t });

  beforeAll(() => {
    if (store === 'redis') redis = new Redis(REDIS_URL);
  });
  afterAll(() => redis?.disconnect());
  beforeEach(async () => {
    clock = { t: Date.parse('2026-03-10T12:00:00Z') };
    prefix = `test:${randomUUID()}:`;
    limiter = replica();
    await limiter.start();
  });
  afterEach(async () => {
    await limiter.stop();
    if (redis) await loseRedisKeys(redis, prefix);
  });

  it.each(['rpm', 'rph', 'rpd'] as const)(
    'admits exactly %s requests, then answers 429 with retry-after and x-ratelimit headers',
    async (kind) => {
      const key = keySubject({ [kind]: 3 });
      for (let i = 0; i < 3; i += 1) {
        const ok = await limiter.admit([key], demand());
        expect(ok.headers['x-ratelimit-remaining-requests']).toBe(String(2 - i));
      }
      const err = await rejection(() => limiter.admit([key], demand()));
      expect(err.status).toBe(429);
      expect(err.message).toMatch(/3 requests per (minute|hour|day)/);
      expect(err.headers).toMatchObject({
        'x-ratelimit-limit-requests': '3',
        'x-ratelimit-remaining-requests': '0',
      });
      const window = { rpm: 60, rph: 3600, rpd: 86400 }[kind];
      const retryAfter = Number(err.headers!['retry-after']);
      expect(retryAfter).toBeGreaterThan(window - 5);
      expect(retryAfter).toBeLessThanOrEqual(window);
      expect(err.headers!['x-ratelimit-reset-requests']).toBe(`${retryAfter}s`);
    },
  );

  it('counts tokens per minute up to the limit, estimate first, actual after settling', async () => {
    const key = keySubject({ tpm: 100 });
    const first = await limiter.admit([key], demand(60));
    expect(first.headers['x-ratelimit-remaining-tokens']).toBe('40');
    await limiter.admit([key], demand(40));
    const over = await rejection(() => limiter.admit([key], demand(1)));
    expect(over.headers).toMatchObject({ 'x-ratelimit-limit-tokens': '100' });
    // The first request really used 50 tokens (30 in + 20 out): 10 come back.
    await limiter.settle(first.reservations, used(30, 20, 0));
    await limiter.admit([key], demand(10));
    await rejection(() => limiter.admit([key], demand(1)));
  });

  it('holds input tokens per day at the boundary', async () => {
    const key = keySubject({ input_tokens_per_day: 100 });
    await limiter.admit([key], demand(100));
    const err = await rejection(() => limiter.admit([key], demand(1)));
    expect(err.message).toMatch(/100 input tokens per day \(input_tokens_per_day\)/);
  });

  it('refuses once output tokens per day are used up, not before', async () => {
    const key = keySubject({ output_tokens_per_day: 50 });
    const a = await limiter.admit([key], demand(10));
    await limiter.settle(a.reservations, used(10, 49, 0));
    const b = await limiter.admit([key], demand(10));
    await limiter.settle(b.reservations, used(10, 1, 0));
    const err = await rejection(() => limiter.admit([key], demand(10)));
    expect(err.message).toMatch(/50 output tokens per day/);
  });

  it.each(['budget_usd_per_day', 'budget_usd_per_month'] as const)(
    'enforces %s before sending, exactly at the budget',
    async (kind) => {
      const key = keySubject({ [kind]: 0.001 });
      const half = 0.0005 * NANO_USD;
      await limiter.admit([key], demand(0, half));
      const second = await limiter.admit([key], demand(0, half));
      expect(second.headers['x-ratelimit-remaining-usd']).toBe('0');
      const err = await rejection(() => limiter.admit([key], demand(0, 1)));
      expect(err.status).toBe(429);
      expect(err.message).toMatch(/Budget of key 'test-key' exhausted: 0.001 USD per (day|month)/);
      expect(err.headers).toMatchObject({ 'x-ratelimit-limit-usd': '0.001' });
      // The second request failed upstream and cost nothing: its reservation is refunded.
      await limiter.settle(second.reservations, used(0, 0, 0));
      await limiter.admit([key], demand(0, half));
    },
  );

  it('starts a fresh daily budget at UTC midnight and says when in retry-after', async () => {
    const key = keySubject({ budget_usd_per_day: 0.001 });
    await limiter.admit([key], demand(0, NANO_USD / 1000));
    const err = await rejection(() => limiter.admit([key], demand(0, 1)));
    expect(err.headers!['retry-after']).toBe(String(12 * 3600));
    clock.t = Date.parse('2026-03-11T00:00:00Z');
    expect(await limiter.admit([key], demand(0, NANO_USD / 1000))).toBeDefined();
  });

  it('undoes every counter of a refused admission', async () => {
    const key = keySubject({ rpm: 10, tpm: 100, budget_usd_per_day: 1 });
    await rejection(() => limiter.admit([key], demand(500, 1000)));
    expect(await limiter.usage(key)).toMatchObject({ rpm: 0, tpm: 0, budget_usd_per_day: 0 });
  });

  it('keeps counting across a limit change', async () => {
    const key = keySubject({ rpm: 2 });
    await limiter.admit([key], demand());
    await limiter.admit([key], demand());
    await rejection(() => limiter.admit([key], demand()));
    await limiter.admit([{ ...key, limits: { rpm: 3 } }], demand());
    await rejection(() => limiter.admit([{ ...key, limits: { rpm: 3 } }], demand()));
  });

  it('counts a request against every subject and names the one over its limit', async () => {
    const gateway = randomUUID();
    const key = keySubject({ rpm: 10, budget_usd_per_day: 1 });
    const alice = endUserSubject(gateway, 'alice', { rpm: 1, budget_usd_per_day: 0.5 });
    const bob = endUserSubject(gateway, 'bob', { rpm: 1, budget_usd_per_day: 0.5 });
    await limiter.admit([key, alice], demand(0, 1000));
    const err = await rejection(() => limiter.admit([key, alice], demand(0, 1000)));
    expect(err.message).toMatch(
      /^Rate limit reached for end user 'alice': 1 requests per minute \(end_user\.rpm\)/,
    );
    await limiter.admit([key, bob], demand(0, 1000));
    // The refused request gave back what it had reserved on the key.
    expect(await limiter.usage(key)).toMatchObject({ rpm: 2, budget_usd_per_day: 2000 });
  });

  it('finds the spend again after a restart (a new replica on the same database)', async () => {
    const key = keySubject({ budget_usd_per_day: 0.001, input_tokens_per_day: 100 });
    const a = await limiter.admit([key], demand(30, 400_000));
    await limiter.settle(a.reservations, used(30, 5, 600_000));
    await limiter.stop();
    if (redis) await loseRedisKeys(redis, prefix);
    limiter = replica();
    await limiter.start();
    expect(await limiter.usage(key)).toMatchObject({
      budget_usd_per_day: 600_000,
      input_tokens_per_day: 30,
    });
    await limiter.admit([key], demand(70, 400_000));
    const tokens = await rejection(() => limiter.admit([key], demand(0, 1)));
    expect(tokens.message).toMatch(/100 input tokens per day/);
    const budget = { ...key, limits: { budget_usd_per_day: 0.001 } };
    const err = await rejection(() => limiter.admit([budget], demand(0, 1)));
    expect(err.message).toMatch(/Budget of key 'test-key' exhausted/);
  });
});

describe('SubjectLimiter on Redis shared by two replicas', () => {
  const a = new Redis(REDIS_URL);
  const b = new Redis(REDIS_URL);
  let prefix: string;
  let one: SubjectLimiter;
  let two: SubjectLimiter;
  const now = () => Date.parse('2026-03-10T12:00:00Z');

  beforeEach(async () => {
    prefix = `test:${randomUUID()}:`;
    one = limiterOn(ds, { redis: a, keyPrefix: prefix, now });
    two = limiterOn(ds, { redis: b, keyPrefix: prefix, now });
    await one.start();
    await two.start();
  });
  afterEach(async () => {
    await Promise.all([one.stop(), two.stop()]);
    await loseRedisKeys(a, prefix);
  });
  afterAll(() => {
    a.disconnect();
    b.disconnect();
  });

  it('enforces one limit across both', async () => {
    const key = keySubject({ rpm: 10 });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 16 }, (_, i) => (i % 2 ? one : two).admit([key], demand())),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(10);
    expect(outcomes.filter((o) => o.status === 'rejected')).toHaveLength(6);
  });

  it('spends a budget exactly: every admitted request is in Redis and in Postgres once', async () => {
    const key = keySubject({ budget_usd_per_day: 0.0001 });
    const run = async (i: number) => {
      const limiter = i % 2 ? one : two;
      const ok = await limiter.admit([key], demand(0, 1000));
      await limiter.settle(ok.reservations, used(0, 0, 777));
    };
    const outcomes = await Promise.allSettled(Array.from({ length: 40 }, (_, i) => run(i)));
    const admitted = outcomes.filter((o) => o.status === 'fulfilled').length;
    expect(admitted).toBe(40);
    expect((await one.usage(key)).budget_usd_per_day).toBe(40 * 777);
    await Promise.all([one.stop(), two.stop()]);
    const rows = await ds.getRepository(LimitUsageEntity).findBy({ subjectId: key.id });
    expect(rows.map((r) => [r.counter, r.period, Number(r.used)])).toEqual([
      ['budget_usd_per_day', '2026-03-10', 40 * 777],
    ]);
  });

  it("seeds from Postgres, other replicas' spend included, when Redis lost its counters", async () => {
    const key = keySubject({ budget_usd_per_day: 0.00001 });
    const spent = await one.admit([key], demand(0, 5000));
    await one.settle(spent.reservations, used(0, 0, 6000));
    await one.stop(); // written to Postgres
    await loseRedisKeys(a, prefix);
    expect((await two.usage(key)).budget_usd_per_day).toBe(6000);
    await two.admit([key], demand(0, 4000));
    const err = await rejection(() => two.admit([key], demand(0, 1)));
    expect(err.message).toMatch(/10000 spent|0\.000010 spent/);
  });

  it('settles a request reserved before Redis lost its counters at its actual cost', async () => {
    const key = keySubject({ budget_usd_per_day: 1 });
    const before = await one.admit([key], demand(0, 9000));
    await loseRedisKeys(a, prefix);
    const after = await one.admit([key], demand(0, 100));
    await one.settle(before.reservations, used(0, 0, 2000));
    expect((await one.usage(key)).budget_usd_per_day).toBe(2000 + 100);
    await one.settle(after.reservations, used(0, 0, 50));
    expect((await one.usage(key)).budget_usd_per_day).toBe(2050);
  });
});

describe('upgrading from Redis-only key budgets', () => {
  it('imports the current day and month from the old Redis keys once, whatever the replicas', async () => {
    const redis = new Redis(REDIS_URL);
    const prefix = `test:${randomUUID()}:`;
    const now = () => Date.parse('2026-03-10T12:00:00Z');
    const key = keySubject({ budget_usd_per_day: 0.00001, budget_usd_per_month: 1 });
    try {
      await redis.set(`${prefix}lim:budget_usd_per_day:${key.id}:2026-03-10`, 7000);
      await redis.set(`${prefix}lim:budget_usd_per_day:${key.id}:2026-03-09`, 9999);
      await redis.set(`${prefix}lim:budget_usd_per_month:${key.id}:2026-03`, 8000);
      await ds.query(`DELETE FROM "spend_flushes" WHERE "replica_id" = $1`, [LEGACY_IMPORT_ID]);
      const replicas = [0, 1].map(() => limiterOn(ds, { redis, keyPrefix: prefix, now }));
      await Promise.all(replicas.map((r) => r.start()));
      expect(await replicas[1].usage(key)).toMatchObject({
        budget_usd_per_day: 7000,
        budget_usd_per_month: 8000,
      });
      await replicas[0].admit([key], demand(0, 3000));
      await rejection(() => replicas[1].admit([key], demand(0, 1)));
      await Promise.all(replicas.map((r) => r.stop()));
      const rows = await ds.getRepository(LimitUsageEntity).findBy({ subjectId: key.id });
      expect(rows.map((r) => [r.counter, r.period, r.used]).sort()).toEqual([
        ['budget_usd_per_day', '2026-03-10', '7000'],
        ['budget_usd_per_month', '2026-03', '8000'],
      ]);
    } finally {
      await loseRedisKeys(redis, prefix);
      redis.disconnect();
    }
  });
});

describe('SpendRepository', () => {
  it('adds a batch retried after a lost answer only once', async () => {
    const repo = new SpendRepository(ds.getRepository(LimitUsageEntity));
    const replica = randomUUID();
    const ref = {
      subjectKind: 'key' as const,
      subjectId: randomUUID(),
      counter: 'budget_usd_per_day' as const,
      period: '2026-03-10',
    };
    const first = await repo.applyBatch(replica, 1, [{ ref, points: 123 }]);
    expect(first).toEqual([{ ref, used: 123 }]);
    expect(await repo.applyBatch(replica, 1, [{ ref, points: 123 }])).toBeNull();
    expect(await repo.applyBatch(replica, 2, [{ ref, points: 7 }])).toEqual([{ ref, used: 130 }]);
  });
});
