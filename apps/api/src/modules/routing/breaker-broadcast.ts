import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type Redis from 'ioredis';
import { RedisConnection } from '../redis/redis-connection';
import type { BreakerEvent } from './provider-health';

const RESUBSCRIBE_MS = 2_000;

/**
 * Breaker transitions shared between replicas over Redis pub/sub (nothing without REDIS_URL): each
 * replica publishes its own openings and closings and applies the others'.
 */
@Injectable()
export class BreakerBroadcast implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(BreakerBroadcast.name);
  private readonly instanceId = randomUUID();
  private readonly channel: string;
  private readonly listeners: ((event: BreakerEvent) => void)[] = [];
  private subscriber?: Redis;
  private resubscribeTimer?: NodeJS.Timeout;
  private closed = false;

  constructor(private readonly redis: RedisConnection) {
    this.channel = `${redis.prefix}breaker`;
  }

  onModuleInit(): void {
    // Not awaited: booting (and serving) must not wait for Redis; broadcasts start once it answers.
    if (this.redis.client) this.subscribe(this.redis.client);
  }

  onApplicationShutdown(): void {
    this.closed = true;
    if (this.resubscribeTimer) clearTimeout(this.resubscribeTimer);
    this.subscriber?.disconnect();
  }

  /** Called with every transition another replica announces. */
  onRemote(listener: (event: BreakerEvent) => void): void {
    this.listeners.push(listener);
  }

  publish(healthKey: string, state: BreakerEvent['state']): void {
    if (!this.redis.client) return;
    const event: BreakerEvent = { healthKey, state, at: Date.now(), origin: this.instanceId };
    this.redis.client
      .publish(this.channel, JSON.stringify(event))
      .catch((err: Error) => this.logger.warn(`Breaker broadcast failed: ${err.message}`));
  }

  private subscribe(redis: Redis): void {
    const subscriber = redis.duplicate();
    this.subscriber = subscriber;
    subscriber.on('error', (err: Error) => this.logger.warn(`Redis subscriber: ${err.message}`));
    subscriber.on('message', (_channel: string, message: string) => {
      try {
        const event = JSON.parse(message) as BreakerEvent;
        if (event.origin !== this.instanceId) for (const l of this.listeners) l(event);
      } catch (err) {
        this.logger.warn(`Ignoring a malformed breaker event: ${(err as Error).message}`);
      }
    });
    // ioredis re-subscribes by itself after a reconnect, but only once a SUBSCRIBE has succeeded.
    const attempt = () => {
      subscriber.subscribe(this.channel).catch((err: Error) => {
        if (this.closed) return;
        this.logger.warn(`Breaker channel subscription failed, retrying: ${err.message}`);
        this.resubscribeTimer = setTimeout(attempt, RESUBSCRIBE_MS);
        this.resubscribeTimer.unref();
      });
    };
    attempt();
  }
}
