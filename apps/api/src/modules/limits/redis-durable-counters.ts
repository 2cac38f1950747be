import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { refKey, type CounterRef } from './counter-ref';
import { periodEnd } from './counter-windows';
import type { DurableItem, DurableSettlement, ReserveOutcome } from './memory-durable-counters';
import { LEGACY_IMPORT_ID, readLegacySpend } from './legacy-redis-spend';
import type { SpendLedger } from './spend-ledger';
import { withTimeout } from './with-timeout';
import type { CounterTotal } from './spend.repository';

// Every script first compares the epoch key with the caller's epoch. The epoch is a random id set
// once when counters are seeded from Postgres; a Redis that lost its data (restart without
// persistence, FLUSHDB) has no epoch, and the caller re-seeds before counting anything.

/** KEYS: epoch, counters. ARGV: epoch, then per counter: points, limit, seed, ttl ms. */
const RESERVE = `
local epoch = redis.call('GET', KEYS[1])
if epoch ~= ARGV[1] then return {'epoch', epoch or ''} end
local n = #KEYS - 1
local raw = {}
for i = 1, n do
  local a = 1 + (i - 1) * 4
  local v = redis.call('GET', KEYS[i + 1])
  if not v then
    v = ARGV[a + 3]
    redis.call('SET', KEYS[i + 1], v, 'PX', ARGV[a + 4])
  end
  raw[i] = v
end
for i = 1, n do
  local a = 1 + (i - 1) * 4
  local value = tonumber(raw[i])
  local points = tonumber(ARGV[a + 1])
  local limit = tonumber(ARGV[a + 2])
  if value + points > limit or (points == 0 and value >= limit) then
    local out = {'over', i}
    for j = 1, n do out[j + 2] = raw[j] end
    return out
  end
end
local out = {'ok'}
for i = 1, n do
  local a = 1 + (i - 1) * 4
  out[i + 1] = tostring(redis.call('INCRBY', KEYS[i + 1], ARGV[a + 1]))
end
return out
`;

/**
 * KEYS: epoch, counters. ARGV: the reservation's epoch, then per counter: actual - reserved, actual.
 * Under a newer epoch the counter was seeded without the reservation: the actual usage is added.
 */
const SETTLE = `
local epoch = redis.call('GET', KEYS[1])
if not epoch then return 0 end
local same = epoch == ARGV[1]
for i = 2, #KEYS do
  local a = (i - 2) * 2 + 2
  if redis.call('EXISTS', KEYS[i]) == 1 then
    local delta = ARGV[a + 1]
    if same then delta = ARGV[a] end
    if delta ~= '0' then redis.call('INCRBY', KEYS[i], delta) end
  end
end
return 1
`;

/** KEYS: epoch, counters. ARGV: epoch, then per counter a floor (Postgres's total). */
const RAISE = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
for i = 2, #KEYS do
  local v = redis.call('GET', KEYS[i])
  if v and tonumber(v) < tonumber(ARGV[i]) then
    local ttl = redis.call('PTTL', KEYS[i])
    if ttl > 0 then redis.call('SET', KEYS[i], ARGV[i], 'PX', ttl) else redis.call('SET', KEYS[i], ARGV[i]) end
  end
end
return 1
`;

type Reply = (string | number)[];
interface SpendScripts {
  gwSpendReserve(...args: (string | number)[]): Promise<Reply>;
  gwSpendSettle(...args: (string | number)[]): Promise<number>;
  gwSpendRaise(...args: (string | number)[]): Promise<number>;
}

const RELOAD_TIMEOUT_MS = 3_000;
/** Counters outlive their period by an hour, for settlements of requests that straddle it. */
const TTL_MARGIN_MS = 3_600_000;

/**
 * Durable counters in Redis, shared by every replica: one Lua script per admission checks every
 * counter against its limit and increments them all, or none (exact under concurrency). A counter
 * Redis does not hold starts from the ledger's seed (Postgres's total plus this replica's unwritten
 * usage). After each flush, counters below Postgres's total are raised to it.
 */
export class RedisDurableCounters {
  private readonly logger = new Logger('Spend');
  private readonly scripts: SpendScripts;
  private readonly epochKey: string;
  private epoch = '';
  private adopting?: Promise<void>;

  constructor(
    private readonly client: Redis,
    private readonly prefix: string,
    private readonly ledger: SpendLedger,
    private readonly now: () => number,
  ) {
    this.epochKey = `${prefix}spend:epoch`;
    const commands = client as unknown as Partial<SpendScripts>;
    if (typeof commands.gwSpendReserve !== 'function') {
      client.defineCommand('gwSpendReserve', { lua: RESERVE });
      client.defineCommand('gwSpendSettle', { lua: SETTLE });
      client.defineCommand('gwSpendRaise', { lua: RAISE });
    }
    this.scripts = client as unknown as SpendScripts;
  }

  /** At boot (the ledger just loaded Postgres's totals): joins Redis's epoch, or starts one. */
  async start(): Promise<void> {
    const imported = await this.ledger.importOnce(LEGACY_IMPORT_ID, () =>
      readLegacySpend(this.client, this.prefix, this.now()),
    );
    if (imported?.length) {
      this.logger.log(`Imported ${imported.length} key quota and budget counters from Redis`);
    }
    const seen = await this.client.get(this.epochKey);
    if (seen) this.epoch = seen;
    else await this.adopt(null, false);
    if (imported?.length) await this.raise(imported);
  }

  counterKey(ref: CounterRef): string {
    return `${this.prefix}spend:${refKey(ref)}`;
  }

  async reserve(items: readonly DurableItem[]): Promise<ReserveOutcome> {
    const keys = [this.epochKey, ...items.map((i) => this.counterKey(i.ref))];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const now = this.now();
      const args = items.flatMap((i) => [
        i.points,
        i.limit,
        String(this.ledger.seed(i.ref)),
        Math.max(1_000, periodEnd(i.ref.period) + TTL_MARGIN_MS - now),
      ]);
      const reply = await this.scripts.gwSpendReserve(keys.length, ...keys, this.epoch, ...args);
      if (reply[0] === 'epoch') {
        await this.adopt((reply[1] as string) || null, true);
        continue;
      }
      if (reply[0] === 'over') {
        return {
          ok: false,
          index: Number(reply[1]) - 1,
          values: reply.slice(2).map(Number),
        };
      }
      return {
        ok: true,
        values: reply.slice(1).map(Number),
        tag: { store: 'redis', epoch: this.epoch },
      };
    }
    throw new Error('the spend epoch in Redis kept changing');
  }

  async settle(epoch: string, items: readonly DurableSettlement[]): Promise<void> {
    if (items.length === 0) return;
    const keys = [this.epochKey, ...items.map((i) => this.counterKey(i.ref))];
    const args = items.flatMap((i) => [String(i.actual - i.reserved), String(i.actual)]);
    await this.scripts.gwSpendSettle(keys.length, ...keys, epoch, ...args);
  }

  /** Raises counters below Postgres's totals (usage another replica wrote while Redis missed it). */
  async raise(totals: readonly CounterTotal[]): Promise<void> {
    if (totals.length === 0 || !this.epoch) return;
    const keys = [this.epochKey, ...totals.map((t) => this.counterKey(t.ref))];
    await this.scripts.gwSpendRaise(
      keys.length,
      ...keys,
      this.epoch,
      ...totals.map((t) => String(t.used)),
    );
  }

  /** The live values of counters Redis holds (undefined where it holds none). */
  async read(refs: readonly CounterRef[]): Promise<(number | undefined)[]> {
    if (refs.length === 0) return [];
    const values = await this.client.mget(...refs.map((r) => this.counterKey(r)));
    return values.map((v) => (v === null ? undefined : Number(v)));
  }

  /**
   * Follows an epoch change: Redis lost its counters (no epoch) or another replica re-seeded (a
   * different one). Postgres's totals are reloaded first, so counters are seeded from fresh values;
   * concurrent admissions wait for the one reload.
   */
  private adopt(seen: string | null, reload: boolean): Promise<void> {
    this.adopting ??= (async () => {
      if (seen === null && this.epoch) {
        this.logger.warn('Redis lost the spend counters: seeding them again from Postgres');
      }
      if (reload) {
        await withTimeout(this.ledger.load(), RELOAD_TIMEOUT_MS).catch((err: Error) =>
          this.logger.warn(
            `Reloading spend from Postgres failed, seeding from memory: ${err.message}`,
          ),
        );
      }
      let epoch = seen;
      if (!epoch) {
        const mine = randomUUID();
        const set = await this.client.set(this.epochKey, mine, 'NX');
        epoch = set === 'OK' ? mine : ((await this.client.get(this.epochKey)) ?? mine);
      }
      this.epoch = epoch;
    })().finally(() => (this.adopting = undefined));
    return this.adopting;
  }
}
