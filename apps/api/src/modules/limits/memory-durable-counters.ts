import { refKey, type CounterRef } from './counter-ref';
import { periodEnd } from './counter-windows';

/** One counter of an admission: reserve `points` if the counter stays at or under `limit`. */
export interface DurableItem {
  ref: CounterRef;
  /** `refKey(ref)`, when the caller has it already. */
  key?: string;
  points: number;
  limit: number;
}

/** Which store holds a reservation, so settlement goes back to it. */
export interface StoreTag {
  store: 'redis' | 'memory';
  /** Redis's epoch when the reservation was made ('' in memory). */
  epoch: string;
}

/** `values`: after the increment when admitted; before it (nothing was counted) when refused. */
export type ReserveOutcome =
  { ok: true; values: number[]; tag: StoreTag } | { ok: false; index: number; values: number[] };

export interface DurableSettlement {
  ref: CounterRef;
  /** `refKey(ref)`, when the caller has it already. */
  key?: string;
  reserved: number;
  actual: number;
}

/**
 * Durable counters in this process: the store without REDIS_URL, and the fallback while Redis does
 * not answer. A counter it does not hold starts from the ledger's seed; it is dropped an hour after
 * its period ends.
 */
interface Entry {
  value: number;
  expiresAt: number;
}

const MEMORY: StoreTag = Object.freeze({ store: 'memory', epoch: '' });

export class MemoryDurableCounters {
  private readonly values = new Map<string, Entry>();
  private lastSweep = 0;

  reserve(
    items: readonly DurableItem[],
    seed: (ref: CounterRef) => number,
    now: number,
  ): ReserveOutcome {
    this.sweep(now);
    const entries: Entry[] = [];
    let index = -1;
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      const key = item.key ?? refKey(item.ref);
      let entry = this.values.get(key);
      if (!entry) {
        entry = { value: seed(item.ref), expiresAt: periodEnd(item.ref.period) + 3_600_000 };
        this.values.set(key, entry);
      }
      entries.push(entry);
      const over =
        entry.value + item.points > item.limit || (item.points === 0 && entry.value >= item.limit);
      if (over && index < 0) index = i;
    }
    const values: number[] = [];
    if (index >= 0) {
      for (const entry of entries) values.push(entry.value);
      return { ok: false, index, values };
    }
    for (let i = 0; i < items.length; i++) values.push((entries[i].value += items[i].points));
    return { ok: true, values, tag: MEMORY };
  }

  settle(items: readonly DurableSettlement[]): void {
    for (const item of items) {
      const entry = this.values.get(item.key ?? refKey(item.ref));
      if (entry) entry.value += item.actual - item.reserved;
    }
  }

  read(ref: CounterRef): number | undefined {
    return this.values.get(refKey(ref))?.value;
  }

  clear(): void {
    this.values.clear();
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [key, entry] of this.values) if (entry.expiresAt <= now) this.values.delete(key);
  }
}
