import { describe, expect, it } from 'vitest';
import type { ChartPoint } from '../analytics/shape';
import type { GatewaySummary } from '@gateway/contracts';
import type { LogRow } from '@gateway/contracts';
import {
  applyLiveRows,
  buildOverviewCards,
  secondsToMs,
  sparkline,
  unconfirmedRows,
} from './shape';

function summary(overrides: Partial<GatewaySummary['summary']> = {}): GatewaySummary {
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
    logs: null,
  };
}

function chartPoint(t: number, requests: number, latency: number | null): ChartPoint {
  return {
    t,
    requests,
    tokens_in: requests * 10,
    tokens_out: requests,
    cost: requests * 0.01,
    errors: 0,
    error_rate: requests ? 0 : null,
    latency_p50: latency,
    latency_p95: null,
    latency_p99: null,
    ttft_p50: null,
    ttft_p95: null,
  };
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
      summary({
        total_requests: 0,
        total_tokens: 0,
        tokens_in: 0,
        tokens_out: 0,
        total_cost: 0,
        avg_latency: 0,
        min_latency: 0,
        max_latency: 0,
        error_count: 0,
        error_rate: 0,
        success_rate: 0,
      }),
      [],
    );
    expect(cards.find((c) => c.id === 'latency')?.value).toBe('—');
    expect(cards.find((c) => c.id === 'errors')?.value).toBe('—');
    expect(cards.find((c) => c.id === 'cost')?.detail).toBe('no requests yet');
  });

  it('builds a sparkline per card from the bucketed series', () => {
    const rows = [chartPoint(1, 2, 300), chartPoint(2, 0, null)];
    const cards = buildOverviewCards(summary(), rows);
    expect(cards.find((c) => c.id === 'tokens')?.spark).toEqual([
      { t: 1, v: 22 },
      { t: 2, v: 0 },
    ]);
    expect(cards.find((c) => c.id === 'latency')?.spark).toEqual([
      { t: 1, v: 300 },
      { t: 2, v: null },
    ]);
    expect(sparkline(rows, (r) => r.cost)).toEqual([
      { t: 1, v: 0.02 },
      { t: 2, v: 0 },
    ]);
  });
});

function live(id: string, overrides: Partial<LogRow> = {}): LogRow {
  return {
    request_id: id,
    client_request_id: null,
    gateway_id: 'g1',
    user_id: null,
    response_id: null,
    model: 'gpt-4o-mini',
    timestamp: '2026-01-01T10:00:00Z',
    endpoint: '/v1/chat/completions',
    operation: 'chat',
    client_format: 'openai',
    provider: 'openai',
    requested_model: 'gpt-4o-mini',
    upstream_model: 'gpt-4o-mini',
    stream: true,
    status: 200,
    error_type: null,
    error_message: null,
    tokens_in: 100,
    tokens_out: 50,
    tokens_cached: 0,
    tokens_reasoning: 0,
    cost_usd: 0.5,
    latency_ms: 3000,
    ttft_ms: 100,
    upstream_latency_ms: 2900,
    attempts: 1,
    key_id: null,
    ...overrides,
  };
}

describe('applyLiveRows', () => {
  it('adds live requests to counts, tokens, cost, latency and error rate', () => {
    const next = applyLiveRows(
      summary({
        total_requests: 2,
        error_count: 0,
        avg_latency: 1,
        min_latency: 0.5,
        max_latency: 1.5,
        total_cost: 1,
        tokens_in: 10,
        tokens_out: 10,
        total_tokens: 20,
      }),
      [live('a'), live('b', { status: 502, cost_usd: null, latency_ms: 100 })],
    );
    expect(next.summary).toEqual({
      total_requests: 4,
      tokens_in: 210,
      tokens_out: 110,
      total_tokens: 320,
      total_cost: 1.5,
      avg_latency: (2 + 3 + 0.1) / 4,
      min_latency: 0.1,
      max_latency: 3,
      error_count: 1,
      error_rate: 25,
      success_rate: 75,
    });
  });

  it('works from an empty gateway summary', () => {
    const empty = summary({
      total_requests: 0,
      avg_latency: 0,
      min_latency: 0,
      max_latency: 0,
      error_count: 0,
      error_rate: 0,
      success_rate: 0,
      total_cost: 0,
    });
    const next = applyLiveRows(empty, [live('a')]);
    expect(next.summary).toMatchObject({
      total_requests: 1,
      avg_latency: 3,
      min_latency: 3,
      max_latency: 3,
      error_rate: 0,
      success_rate: 100,
    });
    expect(applyLiveRows(empty, [])).toBe(empty);
  });
});

describe('unconfirmedRows', () => {
  it('drops the oldest pending rows the refreshed summary now counts', () => {
    const pending = [live('newest'), live('middle'), live('oldest')];
    expect(unconfirmedRows(pending, 1).map((r) => r.request_id)).toEqual(['newest', 'middle']);
    expect(unconfirmedRows(pending, 5)).toEqual([]);
    expect(unconfirmedRows(pending, 0)).toHaveLength(3);
    expect(unconfirmedRows(pending, -2)).toHaveLength(3);
  });
});
