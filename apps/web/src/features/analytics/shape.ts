import type { BreakdownRow, Granularity, TimeseriesPoint } from '@gateway/contracts';

export type RangePreset = '1h' | '24h' | '7d' | '30d' | 'custom';

export interface TimeRange {
  from: Date;
  to: Date;
  granularity: Granularity;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const PRESET_SPANS: Record<Exclude<RangePreset, 'custom'>, number> = {
  '1h': HOUR,
  '24h': DAY,
  '7d': 7 * DAY,
  '30d': 30 * DAY,
};

/** The bucket size that keeps a chart between roughly 24 and 720 points. */
export function granularityFor(spanMs: number): Granularity {
  if (spanMs <= 6 * HOUR) return 'minute';
  if (spanMs <= 8 * DAY) return 'hour';
  return 'day';
}

export function resolveRange(
  preset: RangePreset,
  now: Date,
  custom?: { from: Date; to: Date },
): TimeRange {
  if (preset === 'custom') {
    if (!custom || custom.to.getTime() <= custom.from.getTime()) {
      throw new Error('The custom range needs a start before its end');
    }
    return { ...custom, granularity: granularityFor(custom.to.getTime() - custom.from.getTime()) };
  }
  const span = PRESET_SPANS[preset];
  return { from: new Date(now.getTime() - span), to: now, granularity: granularityFor(span) };
}

const STEP: Record<Granularity, number> = { minute: MINUTE, hour: HOUR, day: DAY };

/** Start of the UTC bucket holding `ms`, matching the API's bucketing. */
export function bucketStart(ms: number, granularity: Granularity): number {
  return ms - (((ms % STEP[granularity]) + STEP[granularity]) % STEP[granularity]);
}

/** One chart row: a bucket with every metric in display units (ms, percent, USD). */
export interface ChartPoint {
  t: number;
  requests: number;
  tokens_in: number;
  tokens_out: number;
  cost: number;
  errors: number;
  /** Percent of requests that failed; null when the bucket has no requests. */
  error_rate: number | null;
  latency_p50: number | null;
  latency_p95: number | null;
  latency_p99: number | null;
  ttft_p50: number | null;
  ttft_p95: number | null;
}

function emptyPoint(t: number): ChartPoint {
  return {
    t,
    requests: 0,
    tokens_in: 0,
    tokens_out: 0,
    cost: 0,
    errors: 0,
    error_rate: null,
    latency_p50: null,
    latency_p95: null,
    latency_p99: null,
    ttft_p50: null,
    ttft_p95: null,
  };
}

/**
 * Turns the API's sparse buckets into one row per bucket across the whole range: quiet buckets
 * count zero requests, while their latencies stay null so lines show a gap rather than a drop to 0.
 * The error rate is recomputed from counts so it is always a percentage.
 */
export function fillSeries(points: TimeseriesPoint[], range: TimeRange): ChartPoint[] {
  const step = STEP[range.granularity];
  const first = bucketStart(range.from.getTime(), range.granularity);
  const last = bucketStart(range.to.getTime(), range.granularity);
  const byBucket = new Map<number, ChartPoint>();
  for (let t = first; t <= last; t += step) byBucket.set(t, emptyPoint(t));
  for (const point of points) {
    const t = bucketStart(Date.parse(point.t), range.granularity);
    const row = byBucket.get(t);
    if (!row) continue;
    row.requests += point.requests;
    row.tokens_in += point.tokens_in;
    row.tokens_out += point.tokens_out;
    row.cost += point.cost;
    row.errors += point.errors;
    row.latency_p50 = point.latency_p50 ?? row.latency_p50;
    row.latency_p95 = point.latency_p95 ?? row.latency_p95;
    row.latency_p99 = point.latency_p99 ?? row.latency_p99;
    row.ttft_p50 = point.ttft_p50 ?? row.ttft_p50;
    row.ttft_p95 = point.ttft_p95 ?? row.ttft_p95;
  }
  const rows = [...byBucket.values()];
  for (const row of rows)
    row.error_rate = row.requests > 0 ? (row.errors / row.requests) * 100 : null;
  return rows;
}

export interface SeriesTotals {
  requests: number;
  tokens: number;
  cost: number;
  errors: number;
  errorRate: number | null;
}

export function totals(rows: ChartPoint[]): SeriesTotals {
  const sum = rows.reduce(
    (acc, row) => ({
      requests: acc.requests + row.requests,
      tokens: acc.tokens + row.tokens_in + row.tokens_out,
      cost: acc.cost + row.cost,
      errors: acc.errors + row.errors,
    }),
    { requests: 0, tokens: 0, cost: 0, errors: 0 },
  );
  return { ...sum, errorRate: sum.requests > 0 ? (sum.errors / sum.requests) * 100 : null };
}

/** A breakdown row with its share; the folded "other" row has no latency of its own. */
export interface BreakdownShare extends Omit<BreakdownRow, 'avg_latency_ms' | 'p95_latency_ms'> {
  avg_latency_ms: number | null;
  p95_latency_ms: number | null;
  /** Percent of all requests in the breakdown. */
  share: number;
  error_rate: number;
}

/** Largest first, with each row's share of requests; rows past `limit` fold into one "other" row. */
export function breakdownShares(rows: BreakdownRow[], limit = 8): BreakdownShare[] {
  const total = rows.reduce((acc, row) => acc + row.requests, 0);
  // `key` is null for requests made without a gateway key (breakdown by key).
  const sorted = [...rows].sort(
    (a, b) => b.requests - a.requests || (a.key ?? '').localeCompare(b.key ?? ''),
  );
  const kept: Omit<BreakdownShare, 'share' | 'error_rate'>[] = sorted.slice(0, limit);
  const rest = sorted.slice(limit);
  if (rest.length > 0) {
    kept.push({
      key: `other (${rest.length})`,
      requests: rest.reduce((a, r) => a + r.requests, 0),
      tokens_in: rest.reduce((a, r) => a + r.tokens_in, 0),
      tokens_out: rest.reduce((a, r) => a + r.tokens_out, 0),
      cost: rest.reduce((a, r) => a + r.cost, 0),
      errors: rest.reduce((a, r) => a + r.errors, 0),
      avg_latency_ms: null,
      p95_latency_ms: null,
    });
  }
  return kept.map((row) => ({
    ...row,
    share: total > 0 ? (row.requests / total) * 100 : 0,
    error_rate: row.requests > 0 ? (row.errors / row.requests) * 100 : 0,
  }));
}

/** Axis labels: clock time for minute and hour buckets, the date for day buckets. */
export function formatBucket(t: number, granularity: Granularity): string {
  const date = new Date(t);
  if (granularity === 'day')
    return date.toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
  if (granularity === 'hour') {
    return date.toLocaleString(undefined, {
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    });
  }
  return date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}
