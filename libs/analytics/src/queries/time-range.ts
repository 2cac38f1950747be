import { EARLIEST_MS, LATEST_MS, type Granularity } from '@gateway/contracts';

export type { Granularity };

const STEP_MS: Record<Granularity, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

export const MAX_BUCKETS = 10_000;

/**
 * Range of instants a query may name: 2000-01-01 up to (excluding) 2200-01-01 UTC. The gateway
 * records nothing earlier, and ClickHouse DateTime64 ends in 2299; outside it the store fails or
 * wraps around instead of answering. The API's query schemas (@gateway/contracts) use the same bounds.
 */
export { EARLIEST_MS, LATEST_MS };

function assertBounds(fromMs: number, toMs: number): void {
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs) || fromMs >= toMs) {
    throw new RangeError('time range must have from < to');
  }
  if (fromMs < EARLIEST_MS || toMs > LATEST_MS) {
    throw new RangeError('time range must lie between 2000-01-01 and 2200-01-01');
  }
}

export function stepMs(granularity: Granularity): number {
  return STEP_MS[granularity];
}

/** Start of the UTC bucket holding `ms` (minutes, hours and days are whole multiples since the epoch in UTC). */
export function floorTo(ms: number, granularity: Granularity): number {
  const step = STEP_MS[granularity];
  return Math.floor(ms / step) * step;
}

/** Bucket starts from floor(from) while < to, in ms. Throws on an empty, inverted or oversized range. */
export function bucketStarts(from: Date, to: Date, granularity: Granularity): number[] {
  const fromMs = from.getTime();
  const toMs = to.getTime();
  assertBounds(fromMs, toMs);
  const step = STEP_MS[granularity];
  const first = floorTo(fromMs, granularity);
  const count = Math.ceil((toMs - first) / step);
  if (count > MAX_BUCKETS) {
    throw new RangeError(
      `time range holds ${count} ${granularity} buckets; the limit is ${MAX_BUCKETS}`,
    );
  }
  return Array.from({ length: count }, (_, i) => first + i * step);
}

export function assertRange(from: Date, to: Date): void {
  assertBounds(from.getTime(), to.getTime());
}

/** ISO date (YYYY-MM-DD) of the UTC day holding `ms`. */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
