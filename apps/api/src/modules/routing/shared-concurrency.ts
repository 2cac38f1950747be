import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

// Leases in a sorted set scored by expiry: expired ones (a crashed replica's) are dropped before
// counting, so a lost release costs a slot only until its lease runs out.
const ACQUIRE_LUA = `
redis.call('zremrangebyscore', KEYS[1], '-inf', ARGV[1])
if redis.call('zcard', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('zadd', KEYS[1], ARGV[3], ARGV[4])
  redis.call('pexpire', KEYS[1], ARGV[5])
  return 1
end
return 0
`;

type LeaseRedis = Redis & {
  gwLeaseAcquire(
    key: string,
    now: number,
    limit: number,
    expiresAt: number,
    id: string,
    ttlMs: number,
  ): Promise<number>;
};

/** In-flight counters per provider shared by every replica through Redis. */
export class SharedConcurrency {
  private readonly redis: LeaseRedis;

  constructor(
    redis: Redis,
    private readonly prefix: string,
  ) {
    redis.defineCommand('gwLeaseAcquire', { numberOfKeys: 1, lua: ACQUIRE_LUA });
    this.redis = redis as LeaseRedis;
  }

  private key(healthKey: string): string {
    return `${this.prefix}conc:${healthKey}`;
  }

  /** A lease id when fewer than `limit` leases are held across replicas, else undefined. */
  async tryAcquire(healthKey: string, limit: number, leaseMs: number): Promise<string | undefined> {
    const id = randomUUID();
    const now = Date.now();
    const ok = await this.redis.gwLeaseAcquire(
      this.key(healthKey),
      now,
      limit,
      now + leaseMs,
      id,
      leaseMs,
    );
    return ok === 1 ? id : undefined;
  }

  /** Retries until `waitMs` has passed (0: one try). */
  async acquireWithin(
    healthKey: string,
    limit: number,
    leaseMs: number,
    waitMs: number,
  ): Promise<string | undefined> {
    const until = Date.now() + waitMs;
    for (;;) {
      const lease = await this.tryAcquire(healthKey, limit, leaseMs);
      if (lease || Date.now() >= until) return lease;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  async release(healthKey: string, lease: string): Promise<void> {
    await this.redis.zrem(this.key(healthKey), lease);
  }

  async inFlight(healthKey: string): Promise<number> {
    await this.redis.zremrangebyscore(this.key(healthKey), '-inf', Date.now());
    return this.redis.zcard(this.key(healthKey));
  }
}
