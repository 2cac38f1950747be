import { Logger } from '@nestjs/common';
import Redis from 'ioredis';

const REDIS_COMMAND_TIMEOUT_MS = 1_000;

/**
 * The one Redis connection of the process (limit counters, shared concurrency leases, breaker
 * broadcasts), or none without REDIS_URL. Created from the config; commandTimeout: a Redis that
 * accepts connections but does not answer must not hold requests (the limiters then fall back to
 * their in-memory insurance) nor /ready.
 */
export class RedisConnection {
  private readonly logger = new Logger('Redis');
  readonly client?: Redis;

  constructor(
    url: string | undefined,
    /** Prefix of every key and channel. */
    readonly prefix = 'gw:',
  ) {
    if (!url) return;
    this.client = new Redis(url, {
      maxRetriesPerRequest: 2,
      commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    });
    this.client.on('error', (err: Error) => this.logger.warn(err.message));
  }

  /** Readiness: a PING (rejects when Redis does not answer or is not configured). */
  async ping(): Promise<void> {
    if (!this.client) throw new Error('REDIS_URL is not configured');
    await this.client.ping();
  }

  close(): void {
    this.client?.disconnect();
  }
}
