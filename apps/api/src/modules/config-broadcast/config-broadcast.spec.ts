import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { GatewayEvents, type ConfigChange } from '../events/gateway-events';
import { RedisConnection } from '../redis/redis-connection';
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
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
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

  it('reloads every in-memory copy after a reconnect, not on the first connection', async () => {
    const { events, subscriber } = await started();
    const reloads: string[] = [];
    events.onResync(async () => void reloads.push('keys'));
    events.onResync(async () => {
      reloads.push('secrets');
      throw new Error('database down');
    });
    // ioredis says 'ready' on each connection; the subscription above followed the first one.
    subscriber.emit('ready');
    await tick();
    expect(reloads.sort()).toEqual(['keys', 'secrets']);
    expect(warn).toHaveBeenCalledWith('Reloading after missed changes failed: database down');
  });

  it('does not reload on a ready before the first subscription', async () => {
    const redis = fakeRedis(async () => 1);
    redis.subscriber.subscribe.mockImplementationOnce(async () => {
      redis.subscriber.emit('ready');
      return 1;
    });
    const events = new GatewayEvents();
    const reload = jest.fn(async () => undefined);
    events.onResync(reload);
    await new ConfigBroadcast(redis.connection, events).onModuleInit();
    await tick();
    expect(reload).not.toHaveBeenCalled();
  });

  it('does nothing without REDIS_URL', async () => {
    const events = new GatewayEvents();
    const broadcast = new ConfigBroadcast({ prefix: 'gw:' } as RedisConnection, events);
    await broadcast.onModuleInit();
    await expect(events.emit({ kind: 'keys', gatewayId: GATEWAY })).resolves.toBeUndefined();
    broadcast.onApplicationShutdown();
  });
});

describe('ConfigBroadcast on a real Redis', () => {
  const url = process.env.REDIS_URL_FOR_TESTS ?? 'redis://127.0.0.1:6379';
  beforeEach(() => jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  it('after its subscriber connection drops: reloads once, and hears the channel again', async () => {
    const connection = new RedisConnection(url, `test-resync-${randomUUID()}:`);
    const events = new GatewayEvents();
    const received: ConfigChange[] = [];
    events.onRemote((change) => void received.push(change));
    let reloads = 0;
    events.onResync(async () => void reloads++);
    const broadcast = new ConfigBroadcast(connection, events);
    const publisher = new Redis(url);
    try {
      await broadcast.onModuleInit();
      const subscriber = (broadcast as unknown as { subscriber: Redis }).subscriber;
      // The connection dies under the subscriber, as in a network cut or a Redis restart.
      subscriber.stream.destroy();
      await poll(() => reloads === 1);
      const message = { origin: 'other', kind: 'keys', gatewayId: GATEWAY };
      await poll(async () => {
        await publisher.publish(broadcast.channel, JSON.stringify(message));
        return received.length > 0;
      });
      expect(received[0]).toEqual({ kind: 'keys', gatewayId: GATEWAY });
      expect(reloads).toBe(1);
    } finally {
      broadcast.onApplicationShutdown();
      publisher.disconnect();
      connection.close();
    }
  });
});

/** Polls `check` every 50 ms for up to 15 s (a loaded CI machine is slow; a pass ends at once). */
async function poll(check: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met within 15 s');
    await new Promise((r) => setTimeout(r, 50));
  }
}
