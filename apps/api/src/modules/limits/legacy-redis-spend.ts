import type Redis from 'ioredis';
import type { CounterRef } from './counter-ref';
import { DURABLE_COUNTERS, periodId, periodOf } from './counter-windows';

/**
 * Batch marker of the one-time import below: a fixed id, so of all replicas booting the new version
 * exactly one import is counted (`spend_flushes`, like any batch).
 */
export const LEGACY_IMPORT_ID = '5e6d0000-0000-4000-8000-000000000012';

/**
 * Key quotas and budgets of the current day and month as versions before durable spend counted them,
 * in Redis only (`gw:lim:<counter>:<keyId>:<period>`), so an upgrade does not reset them.
 */
export async function readLegacySpend(
  client: Redis,
  prefix: string,
  now: number,
): Promise<{ ref: CounterRef; points: number }[]> {
  const rows: { ref: CounterRef; points: number }[] = [];
  for (const counter of DURABLE_COUNTERS) {
    const period = periodId(periodOf(counter), now);
    const head = `${prefix}lim:${counter}:`;
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, found] = await client.scan(cursor, 'MATCH', `${head}*:${period}`, 'COUNT', 1000);
      cursor = next;
      keys.push(...found);
    } while (cursor !== '0');
    if (keys.length === 0) continue;
    const values = await client.mget(...keys);
    keys.forEach((key, i) => {
      const points = Number(values[i]);
      const keyId = key.slice(head.length, -(period.length + 1));
      if (points > 0 && keyId) {
        rows.push({ ref: { subjectKind: 'key', subjectId: keyId, counter, period }, points });
      }
    });
  }
  return rows;
}
