import { apiRequest } from '@/lib/api-client';
import { useQuery, type QueryOptions } from '@/lib/useQuery';
import type { TimeRange } from './shape';
import type {
  BreakdownDimension,
  BreakdownResponse,
  GatewaySummary,
  TimeseriesResponse,
} from '@gateway/contracts';

const base = (gatewayId: string) => `/analytics/gateway/${encodeURIComponent(gatewayId)}`;

export const analyticsApi = {
  summary: (gatewayId: string, days: number, signal?: AbortSignal) =>
    apiRequest<GatewaySummary>(base(gatewayId), {
      query: { days, include_logs: false },
      signal,
    }),
  timeseries: (gatewayId: string, range: TimeRange, signal?: AbortSignal) =>
    apiRequest<TimeseriesResponse>(`${base(gatewayId)}/timeseries`, {
      query: {
        from: range.from.toISOString(),
        to: range.to.toISOString(),
        granularity: range.granularity,
      },
      signal,
    }),
  breakdown: (gatewayId: string, by: BreakdownDimension, range: TimeRange, signal?: AbortSignal) =>
    apiRequest<BreakdownResponse>(`${base(gatewayId)}/breakdown`, {
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
