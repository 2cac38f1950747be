import { formatCost, formatCount, formatMs, formatPercent } from '@/lib/format';
import type { ChartPoint } from '../analytics/shape';
import type { GatewaySummary } from '@gateway/contracts';
import type { LogRow } from '@gateway/contracts';

export type OverviewRange = '24h' | '7d' | '30d';

/** The summary endpoint counts whole days. */
export const OVERVIEW_DAYS: Record<OverviewRange, number> = { '24h': 1, '7d': 7, '30d': 30 };

export type CardId = 'requests' | 'tokens' | 'cost' | 'latency' | 'errors';

export interface SparkPoint {
  t: number;
  v: number | null;
}

export interface OverviewCard {
  id: CardId;
  label: string;
  value: string;
  detail: string;
  spark: SparkPoint[];
}

/** The summary sends latency in seconds and rates in percent; the cards show ms and percent. */
export function secondsToMs(seconds: number | null | undefined): number | null {
  return seconds === null || seconds === undefined ? null : seconds * 1000;
}

export function sparkline(
  rows: ChartPoint[],
  pick: (row: ChartPoint) => number | null,
): SparkPoint[] {
  return rows.map((row) => ({ t: row.t, v: pick(row) }));
}

export function buildOverviewCards(response: GatewaySummary, rows: ChartPoint[]): OverviewCard[] {
  const s = response.summary;
  // The API answers 0 (never null) for the latencies and rates of an empty range: no requests
  // means no figure to show, not a figure of zero.
  const used = s.total_requests > 0;
  const minLatency = used ? secondsToMs(s.min_latency) : null;
  const maxLatency = used ? secondsToMs(s.max_latency) : null;
  return [
    {
      id: 'requests',
      label: 'Requests',
      value: formatCount(s.total_requests),
      detail: `${formatPercent(used ? s.success_rate : null)} succeeded`,
      spark: sparkline(rows, (r) => r.requests),
    },
    {
      id: 'tokens',
      label: 'Tokens',
      value: formatCount(s.total_tokens),
      detail: `${formatCount(s.tokens_in)} in · ${formatCount(s.tokens_out)} out`,
      spark: sparkline(rows, (r) => r.tokens_in + r.tokens_out),
    },
    {
      id: 'cost',
      label: 'Cost',
      value: formatCost(s.total_cost),
      detail:
        s.total_requests > 0
          ? `${formatCost(s.total_cost / s.total_requests)} per request`
          : 'no requests yet',
      spark: sparkline(rows, (r) => r.cost),
    },
    {
      id: 'latency',
      label: 'Avg latency',
      value: formatMs(used ? secondsToMs(s.avg_latency) : null),
      detail:
        minLatency === null
          ? 'no requests yet'
          : `${formatMs(minLatency)} – ${formatMs(maxLatency)}`,
      spark: sparkline(rows, (r) => r.latency_p50),
    },
    {
      id: 'errors',
      label: 'Error rate',
      value: formatPercent(used ? s.error_rate : null),
      detail: `${formatCount(s.error_count)} failed`,
      spark: sparkline(rows, (r) => r.error_rate),
    },
  ];
}

/**
 * Adds requests seen on the live stream to a summary that does not include them yet, so the
 * cards move the moment a request finishes instead of after the analytics store's next flush.
 */
export function applyLiveRows(response: GatewaySummary, rows: LogRow[]): GatewaySummary {
  if (rows.length === 0) return response;
  const s = response.summary;
  const requests = s.total_requests + rows.length;
  const errors = s.error_count + rows.filter((r) => r.status >= 400).length;
  const tokensIn = s.tokens_in + rows.reduce((a, r) => a + r.tokens_in, 0);
  const tokensOut = s.tokens_out + rows.reduce((a, r) => a + r.tokens_out, 0);
  const latencies = rows.map((r) => r.latency_ms / 1000);
  const used = s.total_requests > 0;
  const latencySum = s.avg_latency * s.total_requests + latencies.reduce((a, l) => a + l, 0);
  return {
    ...response,
    summary: {
      total_requests: requests,
      tokens_in: tokensIn,
      tokens_out: tokensOut,
      total_tokens: tokensIn + tokensOut,
      total_cost: s.total_cost + rows.reduce((a, r) => a + (r.cost_usd ?? 0), 0),
      avg_latency: latencySum / requests,
      // An empty summary's 0 is no minimum.
      min_latency: Math.min(used ? s.min_latency : Infinity, ...latencies),
      max_latency: Math.max(used ? s.max_latency : -Infinity, ...latencies),
      error_count: errors,
      error_rate: (errors / requests) * 100,
      success_rate: ((requests - errors) / requests) * 100,
    },
  };
}

/**
 * Live rows still missing from a fresh summary: the summary grew by `grown` requests, which
 * accounts for that many of the oldest pending rows (`pending` is newest first).
 */
export function unconfirmedRows(pending: LogRow[], grown: number): LogRow[] {
  const confirmed = Math.max(0, grown);
  return confirmed >= pending.length ? [] : pending.slice(0, pending.length - confirmed);
}
