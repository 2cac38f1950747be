import { describe, expect, it } from 'vitest';
import type { ChartPoint } from '../analytics/shape';
import type { GatewaySummaryResponse } from '../analytics/types';
import { buildOverviewCards, secondsToMs, sparkline } from './shape';

function summary(overrides: Partial<GatewaySummaryResponse['summary']> = {}): GatewaySummaryResponse {
  return {
    gateway_id: 'g1',
    date_range: { start_date: '2026-01-01', end_date: '2026-01-07', days: 7 },
    summary: {
      total_requests: 200,
      tokens_in: 150_000,
      tokens_out: 50_000,
      total_tokens: 200_000,
      total_cost: 1.5,
      avg_latency: 0.45,
      min_latency: 0.12,
      max_latency: 2.5,
      error_count: 5,
      error_rate: 2.5,
      success_rate: 97.5,
      ...overrides,
    },
    model_breakdown: {},
    daily_stats: [],
  };
}

function chartPoint(t: number, requests: number, latency: number | null): ChartPoint {
  return { t, requests, tokens_in: requests * 10, tokens_out: requests, cost: requests * 0.01, errors: 0, error_rate: requests ? 0 : null, latency_p50: latency, latency_p95: null, latency_p99: null, ttft_p50: null, ttft_p95: null };
}

describe('secondsToMs', () => {
  it('converts the summary latency unit and keeps unknown as null', () => {
    expect(secondsToMs(0.45)).toBe(450);
    expect(secondsToMs(null)).toBeNull();
  });
});

describe('buildOverviewCards', () => {
  it('shows the five headline numbers in display units', () => {
    const cards = buildOverviewCards(summary(), []);
    expect(cards.map((c) => [c.id, c.value])).toEqual([
      ['requests', '200'],
      ['tokens', '200K'],
      ['cost', '$1.50'],
      ['latency', '450 ms'],
      ['errors', '2.5%'],
    ]);
    expect(cards[3].detail).toBe('120 ms – 2.50 s');
    expect(cards[0].detail).toBe('97.5% succeeded');
  });

  it('shows dashes rather than zeros for an unused gateway', () => {
    const cards = buildOverviewCards(
      summary({ total_requests: 0, total_tokens: 0, tokens_in: 0, tokens_out: 0, total_cost: 0, avg_latency: null, min_latency: null, max_latency: null, error_count: 0, error_rate: null, success_rate: null }),
      [],
    );
    expect(cards.find((c) => c.id === 'latency')?.value).toBe('—');
    expect(cards.find((c) => c.id === 'errors')?.value).toBe('—');
    expect(cards.find((c) => c.id === 'cost')?.detail).toBe('no requests yet');
  });

  it('builds a sparkline per card from the bucketed series', () => {
    const rows = [chartPoint(1, 2, 300), chartPoint(2, 0, null)];
    const cards = buildOverviewCards(summary(), rows);
    expect(cards.find((c) => c.id === 'tokens')?.spark).toEqual([{ t: 1, v: 22 }, { t: 2, v: 0 }]);
    expect(cards.find((c) => c.id === 'latency')?.spark).toEqual([{ t: 1, v: 300 }, { t: 2, v: null }]);
    expect(sparkline(rows, (r) => r.cost)).toEqual([{ t: 1, v: 0.02 }, { t: 2, v: 0 }]);
  });
});
