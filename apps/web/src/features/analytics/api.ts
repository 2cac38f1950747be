import { callApi } from '@/lib/api-client';
import { useQuery, type QueryOptions } from '@/lib/useQuery';
import type { TimeRange } from './shape';
import type { BreakdownDimension } from '@gateway/contracts';

export const analyticsApi = {
  summary: (gatewayId: string, days: number, signal?: AbortSignal) =>
    callApi('GET /analytics/gateway/{id}', {
      params: { id: gatewayId },
      query: { days, include_logs: 'false' },
      signal,
    }),
  timeseries: (gatewayId: string, range: TimeRange, signal?: AbortSignal) =>
    callApi('GET /analytics/gateway/{id}/timeseries', {
      params: { id: gatewayId },
      query: {
        from: range.from.toISOString(),
        to: range.to.toISOString(),
        granularity: range.granularity,
      },
      signal,
    }),
  breakdown: (gatewayId: string, by: BreakdownDimension, range: TimeRange, signal?: AbortSignal) =>
    callApi('GET /analytics/gateway/{id}/breakdown', {
      params: { id: gatewayId },
      query: { by, from: range.from.toISOString(), to: range.to.toISOString() },
      signal,
    }),
};

function rangeKey(range: TimeRange): string {
  return `${range.from.toISOString()}/${range.to.toISOString()}/${range.granularity}`;
}

export function useGatewaySummary(gatewayId: string, days: number, options?: QueryOptions) {
  return useQuery(
    `summary:${gatewayId}:${days}`,
    (signal) => analyticsApi.summary(gatewayId, days, signal),
    options,
  );
}

export function useTimeseries(gatewayId: string, range: TimeRange, options?: QueryOptions) {
  return useQuery(
    `timeseries:${gatewayId}:${rangeKey(range)}`,
    (signal) => analyticsApi.timeseries(gatewayId, range, signal).then((r) => r.points),
    options,
  );
}

export function useBreakdown(
  gatewayId: string,
  by: BreakdownDimension,
  range: TimeRange,
  options?: QueryOptions,
) {
  return useQuery(
    `breakdown:${gatewayId}:${by}:${rangeKey(range)}`,
    (signal) => analyticsApi.breakdown(gatewayId, by, range, signal).then((r) => r.rows),
    options,
  );
}
