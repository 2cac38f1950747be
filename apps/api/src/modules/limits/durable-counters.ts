import { Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { type MaybePromise } from '../../common/maybe-promise';
import type { CounterRef } from './counter-ref';
import {
  MemoryDurableCounters,
  type DurableItem,
  type DurableSettlement,
  type ReserveOutcome,
  type StoreTag,
} from './memory-durable-counters';
import { RedisDurableCounters } from './redis-durable-counters';
import type { SpendLedger } from './spend-ledger';

/**
 * Token quotas and budgets: live in Redis (or this process without REDIS_URL), durable through the
 * ledger. While Redis fails, this replica counts in memory from the ledger's seeds (per-replica
 * limits, as the rate limiters' insurance does) and goes back to Redis as soon as it answers.
 */
export class DurableCounters {
  private readonly logger = new Logger('Spend');
  private readonly memory = new MemoryDurableCounters();
  private readonly redis?: RedisDurableCounters;
  private redisFailing = false;
  /** Where a counter missing from memory starts: the ledger's total. */
  private readonly seed = (ref: CounterRef): number => this.ledger.seed(ref);

  constructor(
    client: Redis | undefined,
    prefix: string,
    readonly ledger: SpendLedger,
    private readonly now: () => number = Date.now,
  ) {
    if (!client) return;
    const redis = new RedisDurableCounters(client, prefix, ledger, now);
    this.redis = redis;
    ledger.onFlushed = (totals) => redis.raise(totals);
  }

  async start(): Promise<void> {
    await this.ledger.start();
    await this.redis?.start().catch((err: Error) => {
      this.logger.warn(`Redis does not answer (${err.message}): spend counters join it later`);
    });
  }

  stop(): Promise<void> {
    return this.ledger.stop();
  }

  /**
   * Reserves every item, or none when one would pass its limit. Synchronous without Redis (no
   * promise on that path); a promise when Redis holds the counters.
   */
  reserve(items: readonly DurableItem[]): MaybePromise<ReserveOutcome> {
    if (this.redis) return this.reserveOnRedis(this.redis, items);
    return this.memory.reserve(items, this.seed, this.now());
  }

  /** Corrects reservations to the actual usage, which the ledger writes to Postgres (sync without Redis). */
  settle(tag: StoreTag, items: readonly DurableSettlement[]): void | Promise<void> {
    for (const item of items) this.ledger.add(item.ref, item.actual, item.key);
    if (tag.store === 'memory' || !this.redis) this.memory.settle(items);
    else return this.redis.settle(tag.epoch, items);
  }

  private async reserveOnRedis(
    redis: RedisDurableCounters,
    items: readonly DurableItem[],
  ): Promise<ReserveOutcome> {
    try {
      const outcome = await redis.reserve(items);
      if (this.redisFailing) {
        this.redisFailing = false;
        this.memory.clear();
        this.logger.log('Redis answers again: budgets and quotas are shared again');
      }
      return outcome;
    } catch (err) {
      if (!this.redisFailing) {
        this.redisFailing = true;
        this.logger.warn(
          `Redis failed (${(err as Error).message}): budgets and quotas are counted per replica until it answers`,
        );
      }
    }
    return this.memory.reserve(items, this.seed, this.now());
  }

  /** Live values (undefined for a counter no store holds). */
  async read(refs: readonly CounterRef[]): Promise<(number | undefined)[]> {
    if (this.redis && !this.redisFailing) {
      try {
        return await this.redis.read(refs);
      } catch {
        // fall through to this replica's copy
      }
    }
    return refs.map((ref) => this.memory.read(ref));
  }
}
