import { EventEmitter } from 'node:events';
import { Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { GatewayEvents, type ConfigChange } from '../events/gateway-events';
import type { RedisConnection } from '../redis/redis-connection';
import { ConfigBroadcast } from './config-broadcast';

const GATEWAY = '0b6c3c1e-5c1f-4a55-9d4e-2f7f3c0a9b11';
const tick = () => new Promise((r) => setImmediate(r));

/** A Redis client as far as the broadcast uses it: publish, and a subscriber connection. */
function fakeRedis(publish: (channel: string, message: string) => Promise<number>) {
  const subscriber = Object.assign(new EventEmitter(), {
    subscribe: jest.fn(async () => 1),
    disconnect: jest.fn(),
  });
  const client = { publish: jest.fn(publish), duplicate: () => subscriber };
  const connection = { client: client as unknown as Redis, prefix: 'gw:' } as RedisConnection;
  return { connection, client, subscriber };
}

async function started(
  publish: (channel: string, message: string) => Promise<number> = async () => 1,
) {
  const redis = fakeRedis(publish);
  const events = new GatewayEvents();
  const received: ConfigChange[] = [];
  events.onRemote((change) => void received.push(change));
  const broadcast = new ConfigBroadcast(redis.connection, events);
  await broadcast.onModuleInit();
  const deliver = (message: unknown) =>
    redis.subscriber.emit(
      'message',
      'gw:config-changes',
      typeof message === 'string' ? message : JSON.stringify(message),
    );
  return { ...redis, events, broadcast, received, deliver };
}

describe('ConfigBroadcast', () => {
  let warn: jest.SpyInstance;
  beforeEach(() => {
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'debug').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('subscribes to one channel and applies another process’s changes', async () => {
    const { subscriber, received, deliver } = await started();
    expect(subscriber.subscribe).toHaveBeenCalledWith('gw:config-changes');
    deliver({ origin: 'other-process', kind: 'keys', gatewayId: GATEWAY });
    deliver({ origin: 'other-process', kind: 'access' });
    await tick();
    expect(received).toEqual([{ kind: 'keys', gatewayId: GATEWAY }, { kind: 'access' }]);
  });

  it('ignores its own messages', async () => {
    const { broadcast, received, deliver } = await started();
    deliver({ origin: broadcast.origin, kind: 'keys', gatewayId: GATEWAY });
    await tick();
    expect(received).toEqual([]);
  });

  it('ignores unknown kinds, malformed JSON and messages without origin or gateway id', async () => {
    const { broadcast, received, deliver } = await started();
    deliver({ origin: 'other', kind: 'teleport', gatewayId: GATEWAY });
    deliver('{not json');
    deliver('null');
    deliver('42');
    deliver({ kind: 'keys', gatewayId: GATEWAY });
    deliver({ origin: 'other', kind: 'keys' });
    deliver({ origin: 'other', kind: 'keys', gatewayId: "x'; DROP TABLE keys" });
    await tick();
    expect(received).toEqual([]);
    expect(broadcast.handle('{')).toBe(false);
    // A valid one still goes through afterwards.
    expect(
      broadcast.handle(JSON.stringify({ origin: 'other', kind: 'limits', gatewayId: GATEWAY })),
    ).toBe(true);
    await tick();
    expect(received).toEqual([{ kind: 'limits', gatewayId: GATEWAY }]);
    expect(warn).toHaveBeenCalled();
  });

  it('publishes each change applied here (kind and gateway id only), after the local listeners', async () => {
    const { client, events, broadcast } = await started();
    const order: string[] = [];
    events.on(() => void order.push('local'));
    client.publish.mockImplementation(async () => {
      order.push('published');
      return 1;
    });
    await events.emit({ kind: 'gateway-secret', gatewayId: GATEWAY });
    await events.emit({ kind: 'access' });
    expect(order).toEqual(['local', 'published', 'local', 'published']);
    expect(client.publish.mock.calls.map(([channel, m]) => [channel, JSON.parse(m)])).toEqual([
      [
        'gw:config-changes',
        { origin: broadcast.origin, kind: 'gateway-secret', gatewayId: GATEWAY },
      ],
      ['gw:config-changes', { origin: broadcast.origin, kind: 'access' }],
    ]);
  });

  it('neither waits for nor fails on a publish that hangs or fails', async () => {
    const { events } = await started(() => new Promise(() => undefined));
    await expect(events.emit({ kind: 'keys', gatewayId: GATEWAY })).resolves.toBeUndefined();
    const failing = await started(async () => {
      throw new Error('Connection is closed.');
    });
    await expect(
      failing.events.emit({ kind: 'keys', gatewayId: GATEWAY }),
    ).resolves.toBeUndefined();
    await tick();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('Connection is closed.'));
  });

  it('re-reads one change at a time: messages arriving during a read cause one more read', async () => {
    const { events, deliver } = await started();
    const reads: Array<() => void> = [];
    events.onRemote(() => new Promise<void>((resolve) => reads.push(resolve)));
    const message = { origin: 'other', kind: 'keys', gatewayId: GATEWAY };
    deliver(message);
    deliver(message);
    deliver(message);
    await tick();
    expect(reads).toHaveLength(1);
    reads.shift()!();
    await tick();
    expect(reads).toHaveLength(1);
    reads.shift()!();
    await tick();
    expect(reads).toHaveLength(0);
  });

  it('does nothing without REDIS_URL', async () => {
    const events = new GatewayEvents();
    const broadcast = new ConfigBroadcast({ prefix: 'gw:' } as RedisConnection, events);
    await broadcast.onModuleInit();
    await expect(events.emit({ kind: 'keys', gatewayId: GATEWAY })).resolves.toBeUndefined();
    broadcast.onApplicationShutdown();
  });
});
