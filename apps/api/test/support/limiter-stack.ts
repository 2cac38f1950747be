import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source';
import { runMigrations } from '../../src/database/migrate';
import { DurableCounters } from '../../src/modules/limits/durable-counters';
import type { LimitSubject, SubjectLimits } from '../../src/modules/limits/limit-subject';
import { LimitUsageEntity } from '../../src/modules/limits/limit-usage.entity';
import { SpendLedger } from '../../src/modules/limits/spend-ledger';
import { SpendRepository } from '../../src/modules/limits/spend.repository';
import { SubjectLimiter } from '../../src/modules/limits/subject-limiter';

/** The migrated test database (DATABASE_URL, set by the global setup). */
export async function openDatabase(): Promise<DataSource> {
  const url = process.env.DATABASE_URL!;
  await runMigrations(url);
  const ds = new DataSource({ ...dataSourceOptions(url), extra: { max: 4 } });
  return ds.initialize();
}

/** One replica's limiter over the real database, and Redis when given; the clock is the test's. */
export function limiterOn(
  ds: DataSource,
  opts: { redis?: Redis; keyPrefix: string; now: () => number; flushMs?: number },
): SubjectLimiter {
  const ledger = new SpendLedger(
    new SpendRepository(ds.getRepository(LimitUsageEntity)),
    opts.flushMs ?? 60_000,
    opts.now,
  );
  return new SubjectLimiter(
    { redis: opts.redis, keyPrefix: opts.keyPrefix },
    new DurableCounters(opts.redis, opts.keyPrefix, ledger, opts.now),
    opts.now,
  );
}

export function keySubject(limits: SubjectLimits, id = randomUUID()): LimitSubject {
  return { kind: 'key', id, label: "key 'test-key'", configPath: '', limits };
}

export function endUserSubject(
  gatewayId: string,
  user: string,
  limits: SubjectLimits,
): LimitSubject {
  return {
    kind: 'end_user',
    id: `${gatewayId}:${user}`,
    label: `end user '${user}'`,
    configPath: 'end_user',
    limits,
  };
}
