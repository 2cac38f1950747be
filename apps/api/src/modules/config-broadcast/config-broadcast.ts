import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type Redis from 'ioredis';
import { isUuid } from '../../common/uuid';
import {
  GATEWAY_CHANGE_KINDS,
  GatewayEvents,
  type ConfigChange,
  type GatewayChangeKind,
} from '../events/gateway-events';
import { RedisConnection } from '../redis/redis-connection';

/** How long boot waits for the subscription before serving (Redis down: it goes on in the background). */
const SUBSCRIBE_WAIT_MS = 1_000;
const RESUBSCRIBE_MS = 2_000;

/** What travels on the channel: which change, by which process. Never a secret nor a value. */
export interface ConfigChangeMessage {
  origin: string;
  kind: ConfigChange['kind'];
  gatewayId?: string;
}

/**
 * Configuration changes shared between processes (cluster workers, replicas) over Redis pub/sub, so
 * a change made through one process's management API applies on every other within milliseconds
 * instead of at their next full reload (CREDENTIALS_REFRESH_MS). Nothing without REDIS_URL.
 *
 * Every change `GatewayEvents.emit` applied here is published (after it applied, without waiting);
 * every change another process published runs `GatewayEvents.receive`, whose listeners re-read what
 * changed from Postgres. A failing Redis only logs a warning: the periodic full reload remains.
 */
@Injectable()
export class ConfigBroadcast implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ConfigBroadcast.name);
  /** This process, in every message it publishes: its own messages come back and are skipped. */
  readonly origin = randomUUID();
  readonly channel: string;
  private subscriber?: Redis;
  private resubscribeTimer?: NodeJS.Timeout;
  private closed = false;
  /** Set once SUBSCRIBE succeeded; from then on ioredis re-subscribes by itself after a reconnect. */
  private subscribedOnce = false;
  /** Re-reads under way, by change: a message arriving meanwhile asks for one more read after it. */
  private readonly applying = new Map<string, { again: boolean }>();

  constructor(
    private readonly redis: RedisConnection,
    private readonly events: GatewayEvents,
  ) {
    this.channel = `${redis.prefix}config-changes`;
  }

  /**
   * Subscribes before the directories load their first snapshot (this module is global, so its hook
   * runs first): a change published meanwhile cannot fall between the two.
   */
  async onModuleInit(): Promise<void> {
    const client = this.redis.client;
    if (!client) return;
    this.events.announceTo((change) => this.publish(client, change));
    await this.subscribe(client);
  }

  onApplicationShutdown(): void {
    this.closed = true;
    if (this.resubscribeTimer) clearTimeout(this.resubscribeTimer);
    this.subscriber?.disconnect();
  }

  /** Applies one message from the channel; returns whether it was applied (not own, known, well-formed). */
  handle(message: string): boolean {
    const change = this.parse(message);
    if (!change) return false;
    this.apply(change);
    return true;
  }

  private publish(client: Redis, change: ConfigChange): void {
    // Built field by field: only the kind and the gateway's id ever leave the process.
    const message: ConfigChangeMessage =
      change.kind === 'access'
        ? { origin: this.origin, kind: change.kind }
        : { origin: this.origin, kind: change.kind, gatewayId: change.gatewayId };
    client
      .publish(this.channel, JSON.stringify(message))
      .catch((err: Error) =>
        this.logger.warn(
          `Broadcasting a ${change.kind} change failed (other processes apply it at their next refresh): ${err.message}`,
        ),
      );
  }

  private parse(message: string): ConfigChange | undefined {
    let data: Partial<Record<keyof ConfigChangeMessage, unknown>>;
    try {
      data = JSON.parse(message) as typeof data;
    } catch {
      this.logger.warn('Ignoring a configuration change that is not JSON');
      return undefined;
    }
    if (typeof data !== 'object' || data === null || typeof data.origin !== 'string') {
      this.logger.warn('Ignoring a configuration change without an origin');
      return undefined;
    }
    if (data.origin === this.origin) return undefined;
    if (data.kind === 'access') return { kind: 'access' };
    if (!GATEWAY_CHANGE_KINDS.includes(data.kind as GatewayChangeKind)) {
      // A newer version's kind during a rolling upgrade: its periodic reload covers it.
      this.logger.debug(`Ignoring a configuration change of unknown kind ${String(data.kind)}`);
      return undefined;
    }
    if (typeof data.gatewayId !== 'string' || !isUuid(data.gatewayId)) {
      this.logger.warn(`Ignoring a ${String(data.kind)} change without a valid gateway id`);
      return undefined;
    }
    return { kind: data.kind as GatewayChangeKind, gatewayId: data.gatewayId };
  }

  /**
   * Re-reads for one change at a time per gateway and kind: two reads of the same rows racing could
   * apply the older answer last. A message arriving during a read causes one more read after it.
   */
  private apply(change: ConfigChange): void {
    const key = change.kind === 'access' ? 'access' : `${change.kind}:${change.gatewayId}`;
    const running = this.applying.get(key);
    if (running) {
      running.again = true;
      return;
    }
    const state = { again: false };
    this.applying.set(key, state);
    void (async () => {
      try {
        do {
          state.again = false;
          await this.events.receive(change);
        } while (state.again && !this.closed);
      } finally {
        this.applying.delete(key);
      }
    })();
  }

  /** Resolves once subscribed, or after SUBSCRIBE_WAIT_MS (then retries in the background). */
  private subscribe(client: Redis): Promise<void> {
    const subscriber = client.duplicate();
    this.subscriber = subscriber;
    subscriber.on('error', (err: Error) =>
      this.logger.warn(`Redis subscriber (configuration changes): ${err.message}`),
    );
    subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.channel) this.handle(message);
    });
    // Each 'ready' after the first is a reconnect: what was published meanwhile never arrived here.
    subscriber.on('ready', () => {
      if (!this.subscribedOnce || this.closed) return;
      this.logger.log(
        'Configuration change channel reconnected: reloading what may have been missed',
      );
      void this.events.resync();
    });
    return new Promise<void>((resolve) => {
      const waited = setTimeout(resolve, SUBSCRIBE_WAIT_MS);
      waited.unref();
      // ioredis re-subscribes by itself after a reconnect, but only once a SUBSCRIBE has succeeded.
      const attempt = () => {
        subscriber.subscribe(this.channel).then(
          () => {
            this.subscribedOnce = true;
            clearTimeout(waited);
            resolve();
          },
          (err: Error) => {
            if (this.closed) return resolve();
            this.logger.warn(
              `Configuration change channel subscription failed, retrying: ${err.message}`,
            );
            this.resubscribeTimer = setTimeout(attempt, RESUBSCRIBE_MS);
            this.resubscribeTimer.unref();
          },
        );
      };
      attempt();
    });
  }
}
