import { randomUUID } from 'node:crypto';
import { WIRE_TTL_MS, type WireExchange } from '@gateway/contracts';
import Redis from 'ioredis';
import { WireStore } from './wire-store';

const REDIS_URL = process.env.REDIS_URL_FOR_TESTS ?? 'redis://127.0.0.1:6379';

function capture(requestId: string, gatewayId = 'g1', pad = 0): WireExchange {
  return {
    request_id: requestId,
    gateway_id: gatewayId,
    endpoint: '/v1/chat/completions',
    client_format: 'openai-chat',
    upstream_format: 'anthropic-messages',
    requested_model: 'x'.repeat(pad),
    stream: false,
    created_at: '2026-01-01T00:00:00.000Z',
    attempts: [],
  };
}

describe('WireStore', () => {
  it('answers a capture by gateway and request id until its TTL has passed', async () => {
    let now = 1_000;
    const store = new WireStore({ now: () => now });
    store.put(capture('r1'));
    expect((await store.get('g1', 'r1'))?.request_id).toBe('r1');
    expect(await store.get('other-gateway', 'r1')).toBeUndefined();
    now += WIRE_TTL_MS + 1;
    expect(await store.get('g1', 'r1')).toBeUndefined();
    expect(store.size).toEqual({ entries: 0, bytes: 0 });
  });

  it('replaces a capture published again (a later attempt) without counting it twice', async () => {
    const store = new WireStore();
    store.put(capture('r1'));
    const once = store.size.bytes;
    store.put({ ...capture('r1'), upstream_format: 'openai-chat' });
    expect(store.size.entries).toBe(1);
    expect(store.size.bytes).toBe(once - 'anthropic-messages'.length + 'openai-chat'.length);
    expect((await store.get('g1', 'r1'))?.upstream_format).toBe('openai-chat');
  });

  it('drops the oldest captures past its memory and count bounds', async () => {
    const size = JSON.stringify(capture('r0', 'g1', 1000)).length;
    const store = new WireStore({ maxBytes: size * 3, maxEntries: 100 });
    for (let i = 0; i < 5; i++) store.put(capture(`r${i}`, 'g1', 1000));
    expect(store.size.entries).toBe(3);
    expect(store.size.bytes).toBeLessThanOrEqual(size * 3);
    expect(await store.get('g1', 'r1')).toBeUndefined();
    expect(await store.get('g1', 'r4')).toBeDefined();

    const few = new WireStore({ maxEntries: 2 });
    for (let i = 0; i < 4; i++) few.put(capture(`r${i}`));
    expect(few.size.entries).toBe(2);
    expect(await few.get('g1', 'r3')).toBeDefined();
  });
});

describe('WireStore shared through Redis', () => {
  let redis: Redis;
  const prefix = `test-wire-${randomUUID()}:`;

  beforeAll(() => {
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 2 });
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('lets another replica read a capture, with the capture TTL on the key', async () => {
    const proxying = new WireStore({ redis, prefix });
    const answering = new WireStore({ redis, prefix });
    proxying.put(capture('r-shared', 'g-shared'));
    // The proxy does not await the Redis write: wait for it.
    for (let i = 0; i < 50 && !(await redis.exists(`${prefix}wire:g-shared:r-shared`)); i++)
      await new Promise((r) => setTimeout(r, 20));
    expect((await answering.get('g-shared', 'r-shared'))?.request_id).toBe('r-shared');
    expect(answering.size.entries).toBe(0);
    const ttl = await redis.pttl(`${prefix}wire:g-shared:r-shared`);
    expect(ttl).toBeGreaterThan(WIRE_TTL_MS - 10_000);
    expect(ttl).toBeLessThanOrEqual(WIRE_TTL_MS);
    expect(await answering.get('g-other', 'r-shared')).toBeUndefined();
  });
});
