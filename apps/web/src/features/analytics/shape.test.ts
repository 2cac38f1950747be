import { describe, expect, it } from 'vitest';
import {
  breakdownShares,
  bucketStart,
  fillSeries,
  granularityFor,
  resolveRange,
  totals,
  type TimeRange,
} from './shape';
import type { BreakdownRow, TimeseriesPoint } from '@gateway/contracts';

function point(t: string, overrides: Partial<TimeseriesPoint> = {}): TimeseriesPoint {
  return {
    t,
    requests: 1,
    tokens_in: 10,
    tokens_out: 5,
    cost: 0.001,
    errors: 0,
    error_rate: 0,
    latency_p50: 200,
    latency_p95: 400,
    latency_p99: 500,
    ttft_p50: 80,
    ttft_p95: 120,
    ...overrides,
  };
}

function row(key: string | null, requests: number, errors = 0): BreakdownRow {
  return {
    key,
    requests,
    tokens_in: requests * 10,
    tokens_out: requests * 2,
    cost: requests / 100,
    errors,
    avg_latency_ms: 100,
    p95_latency_ms: 200,
  };
}

const hourRange: TimeRange = {
  from: new Date('2026-01-01T10:00:30Z'),
  to: new Date('2026-01-01T10:05:10Z'),
  granularity: 'minute',
};

describe('resolveRange', () => {
  const now = new Date('2026-03-10T12:00:00Z');

  it('picks minute buckets for the last hour and day buckets for 30 days', () => {
    expect(resolveRange('1h', now)).toEqual({
      from: new Date('2026-03-10T11:00:00Z'),
      to: now,
      granularity: 'minute',
    });
    expect(resolveRange('24h', now).granularity).toBe('hour');
    expect(resolveRange('7d', now).granularity).toBe('hour');
    expect(resolveRange('30d', now)).toEqual({
      from: new Date('2026-02-08T12:00:00Z'),
      to: now,
      granularity: 'day',
    });
  });

  it('sizes custom ranges by their span and rejects an end before the start', () => {
    const from = new Date('2026-03-01T00:00:00Z');
    expect(
      resolveRange('custom', now, { from, to: new Date('2026-03-01T03:00:00Z') }).granularity,
    ).toBe('minute');
    expect(
      resolveRange('custom', now, { from, to: new Date('2026-03-20T00:00:00Z') }).granularity,
    ).toBe('day');
    expect(() => resolveRange('custom', now, { from, to: from })).toThrow('start before its end');
  });

  it('keeps presets near the chart point budget', () => {
    expect(granularityFor(60 * 60_000)).toBe('minute');
    expect(granularityFor(2 * 86_400_000)).toBe('hour');
    expect(granularityFor(30 * 86_400_000)).toBe('day');
  });
});

describe('bucketStart', () => {
  it('floors to UTC minute, hour and day boundaries', () => {
    const t = Date.parse('2026-01-01T10:37:45.123Z');
    expect(new Date(bucketStart(t, 'minute')).toISOString()).toBe('2026-01-01T10:37:00.000Z');
    expect(new Date(bucketStart(t, 'hour')).toISOString()).toBe('2026-01-01T10:00:00.000Z');
    expect(new Date(bucketStart(t, 'day')).toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });
});

describe('fillSeries', () => {
  it('returns one row per bucket with zero counts where the API sent nothing', () => {
    const rows = fillSeries([point('2026-01-01T10:02:00Z', { requests: 3, errors: 1 })], hourRange);
    expect(rows.map((r) => new Date(r.t).toISOString().slice(11, 16))).toEqual([
      '10:00',
      '10:01',
      '10:02',
      '10:03',
      '10:04',
      '10:05',
    ]);
    expect(rows.map((r) => r.requests)).toEqual([0, 0, 3, 0, 0, 0]);
    expect(rows[0]).toMatchObject({ tokens_in: 0, cost: 0, errors: 0 });
  });

  it('leaves latency and error rate empty in quiet buckets instead of drawing zero', () => {
    const rows = fillSeries([point('2026-01-01T10:02:00Z')], hourRange);
    expect(rows[1].latency_p95).toBeNull();
    expect(rows[1].error_rate).toBeNull();
    expect(rows[2].latency_p95).toBe(400);
  });

  it('computes the error rate as a percentage from counts', () => {
    const rows = fillSeries(
      [point('2026-01-01T10:03:00Z', { requests: 4, errors: 1, error_rate: 0.25 })],
      hourRange,
    );
    expect(rows[3].error_rate).toBe(25);
  });

  it('places unaligned timestamps in their bucket and drops points outside the range', () => {
    const rows = fillSeries(
      [
        point('2026-01-01T10:04:59.900Z', { requests: 2 }),
        point('2026-01-01T09:00:00Z', { requests: 9 }),
      ],
      hourRange,
    );
    expect(rows[4].requests).toBe(2);
    expect(totals(rows).requests).toBe(2);
  });
});

describe('totals', () => {
  it('sums tokens in and out and derives the overall error rate', () => {
    const rows = fillSeries(
      [
        point('2026-01-01T10:01:00Z', { requests: 3, errors: 1 }),
        point('2026-01-01T10:02:00Z', { requests: 1 }),
      ],
      hourRange,
    );
    expect(totals(rows)).toEqual({
      requests: 4,
      tokens: 30,
      cost: 0.002,
      errors: 1,
      errorRate: 25,
    });
  });

  it('has no error rate without requests', () => {
    expect(totals(fillSeries([], hourRange)).errorRate).toBeNull();
  });
});

describe('breakdownShares', () => {
  it('sorts by requests and gives each row its share', () => {
    const shares = breakdownShares([row('b', 1), row('a', 3, 3)]);
    expect(shares.map((s) => [s.key, s.share, s.error_rate])).toEqual([
      ['a', 75, 100],
      ['b', 25, 0],
    ]);
  });

  it('folds the long tail into one other row', () => {
    const shares = breakdownShares([row('a', 5), row('b', 4), row('c', 1), row('d', 1)], 2);
    expect(shares.map((s) => s.key)).toEqual(['a', 'b', 'other (2)']);
    expect(shares[2]).toMatchObject({ requests: 2, tokens_in: 20 });
  });

  it('keeps requests made without a key (key null) when they tie with a key', () => {
    const shares = breakdownShares([row('k1', 2), row(null, 2), row('k2', 2)]);
    expect(shares.map((s) => s.key)).toEqual([null, 'k1', 'k2']);
  });
});
