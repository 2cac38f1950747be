import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { DomainError } from '../../src/common/domain-errors';
import type { CallerKey } from '../../src/modules/keys/caller-key';
import { KeyLimiter, NANO_USD } from '../../src/modules/keys/key-limiter';
import type { KeyLimits } from '../../src/modules/keys/key.entity';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

function keyWith(limits: KeyLimits): CallerKey {
  return {
    id: randomUUID(),
    gatewayId: randomUUID(),
    name: 'test-key',
    enabled: true,
    expiresAt: null,
    allowedModels: [],
    allowedProviders: [],
    allowedTools: [],
    limits,
    systemPrompt: null,
  };
}

async function rejection(p: Promise<unknown>): Promise<DomainError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error('expected a 429');
}

const demand = (inputTokens = 0, costNano = 0) => ({ inputTokens, costNano });

describe.each(['memory', 'redis'] as const)('KeyLimiter on %s', (store) => {
  let redis: Redis | undefined;
  let clock: { t: number };
  let limiter: KeyLimiter;

  beforeAll(() => {
    if (store === 'redis') redis = new Redis(REDIS_URL);
  });
  afterAll(() => redis?.disconnect());
  beforeEach(() => {
    clock = { t: Date.parse('2026-03-10T12:00:00Z') };
    limiter = new KeyLimiter({ redis, keyPrefix: `test:${randomUUID()}:` }, () => clock.t);
  });

  it.each(['rpm', 'rph', 'rpd'] as const)(
    'admits exactly %s requests, then answers 429 with retry-after and x-ratelimit headers',
    async (kind) => {
      const key = keyWith({ [kind]: 3 });
      for (let i = 0; i < 3; i += 1) {
        const ok = await limiter.admit(key, demand());
        expect(ok.headers['x-ratelimit-remaining-requests']).toBe(String(2 - i));
      }
      const err = await rejection(limiter.admit(key, demand()));
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
    const key = keyWith({ tpm: 100 });
    const first = await limiter.admit(key, demand(60));
    expect(first.headers['x-ratelimit-remaining-tokens']).toBe('40');
    await limiter.admit(key, demand(40));
    const over = await rejection(limiter.admit(key, demand(1)));
    expect(over.headers).toMatchObject({ 'x-ratelimit-limit-tokens': '100' });
    // The first request really used 50 tokens (30 in + 20 out): 10 come back.
    await limiter.settle(first.reservations, { inputTokens: 30, outputTokens: 20, costNano: 0 });
    await limiter.admit(key, demand(10));
    await rejection(limiter.admit(key, demand(1)));
  });

  it('holds input tokens per day at the boundary', async () => {
    const key = keyWith({ input_tokens_per_day: 100 });
    await limiter.admit(key, demand(100));
    const err = await rejection(limiter.admit(key, demand(1)));
    expect(err.message).toMatch(/100 input tokens per day/);
  });

  it('refuses once output tokens per day are used up, not before', async () => {
    const key = keyWith({ output_tokens_per_day: 50 });
    const a = await limiter.admit(key, demand(10));
    await limiter.settle(a.reservations, { inputTokens: 10, outputTokens: 49, costNano: 0 });
    const b = await limiter.admit(key, demand(10));
    await limiter.settle(b.reservations, { inputTokens: 10, outputTokens: 1, costNano: 0 });
    const err = await rejection(limiter.admit(key, demand(10)));
    expect(err.message).toMatch(/50 output tokens per day/);
  });

  it.each(['budget_usd_per_day', 'budget_usd_per_month'] as const)(
    'enforces %s before sending, exactly at the budget',
    async (kind) => {
      const key = keyWith({ [kind]: 0.001 });
      const half = 0.0005 * NANO_USD;
      await limiter.admit(key, demand(0, half));
      const second = await limiter.admit(key, demand(0, half));
      expect(second.headers['x-ratelimit-remaining-usd']).toBe('0');
      const err = await rejection(limiter.admit(key, demand(0, 1)));
      expect(err.status).toBe(429);
      expect(err.message).toMatch(/Budget of key 'test-key' exhausted: 0.001 USD per (day|month)/);
      expect(err.headers).toMatchObject({ 'x-ratelimit-limit-usd': '0.001' });
      // The second request failed upstream and cost nothing: its reservation is refunded.
      await limiter.settle(second.reservations, { inputTokens: 0, outputTokens: 0, costNano: 0 });
      await limiter.admit(key, demand(0, half));
    },
  );

  it('starts a fresh daily budget at UTC midnight and says when in retry-after', async () => {
    const key = keyWith({ budget_usd_per_day: 0.001 });
    await limiter.admit(key, demand(0, NANO_USD / 1000));
    const err = await rejection(limiter.admit(key, demand(0, 1)));
    expect(err.headers!['retry-after']).toBe(String(12 * 3600));
    clock.t = Date.parse('2026-03-11T00:00:00Z');
    await expect(limiter.admit(key, demand(0, NANO_USD / 1000))).resolves.toBeDefined();
  });

  it('keeps a monthly budget counted beyond the first moments (no timer overflow)', async () => {
    const key = keyWith({ budget_usd_per_month: 0.001 });
    await limiter.admit(key, demand(0, NANO_USD / 1000));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect((await limiter.usage(key)).budget_usd_per_month).toBe(NANO_USD / 1000);
    await rejection(limiter.admit(key, demand(0, 1)));
  });

  it('undoes every counter of a refused admission', async () => {
    const key = keyWith({ rpm: 10, tpm: 100, budget_usd_per_day: 1 });
    await rejection(limiter.admit(key, demand(500, 1000)));
    expect(await limiter.usage(key)).toMatchObject({ rpm: 0, tpm: 0, budget_usd_per_day: 0 });
  });

  it('keeps counting across a limit change', async () => {
    const key = keyWith({ rpm: 2 });
    await limiter.admit(key, demand());
    await limiter.admit(key, demand());
    await rejection(limiter.admit(key, demand()));
    await limiter.admit({ ...key, limits: { rpm: 3 } }, demand());
    await rejection(limiter.admit({ ...key, limits: { rpm: 3 } }, demand()));
  });
});

describe('KeyLimiter on Redis shared by two limiters', () => {
  it('enforces one limit across both, as two replicas would', async () => {
    const a = new Redis(REDIS_URL);
    const b = new Redis(REDIS_URL);
    try {
      const keyPrefix = `test:${randomUUID()}:`;
      const one = new KeyLimiter({ redis: a, keyPrefix });
      const two = new KeyLimiter({ redis: b, keyPrefix });
      const key = keyWith({ rpm: 10 });
      const outcomes = await Promise.allSettled(
        Array.from({ length: 16 }, (_, i) => (i % 2 ? one : two).admit(key, demand())),
      );
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(10);
      expect(outcomes.filter((o) => o.status === 'rejected')).toHaveLength(6);
    } finally {
      a.disconnect();
      b.disconnect();
    }
  });
});
