import { apiFetch, apiRequest, type QueryParams } from '@/lib/api-client';
import { useQuery, type QueryOptions } from '@/lib/useQuery';
import type { LogDetail, LogsPage } from '@gateway/contracts';

const base = (gatewayId: string) => `/analytics/gateway/${encodeURIComponent(gatewayId)}`;

export const logsApi = {
  list: (gatewayId: string, query: QueryParams, signal?: AbortSignal) =>
    apiRequest<LogsPage>(`${base(gatewayId)}/logs`, { query, signal }),
  detail: (gatewayId: string, requestId: string, signal?: AbortSignal) =>
    apiRequest<LogDetail>(`${base(gatewayId)}/logs/${encodeURIComponent(requestId)}`, { signal }),
  /** The export needs the auth header, so it is fetched and handed to the browser as a file. */
  download: async (gatewayId: string, format: 'csv' | 'json', range: { from: Date; to: Date }) => {
    const response = await apiFetch(`${base(gatewayId)}/export`, {
      query: { format, from: range.from.toISOString(), to: range.to.toISOString() },
    });
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = `gateway-${gatewayId}-requests.${format}`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  },
};

export function useLogs(gatewayId: string, query: QueryParams, options?: QueryOptions) {
  return useQuery(
    `logs:${gatewayId}:${JSON.stringify(query)}`,
    (signal) => logsApi.list(gatewayId, query, signal),
    options,
  );
}

export function useLogDetail(gatewayId: string, requestId: string) {
  return useQuery(`log:${gatewayId}:${requestId}`, (signal) =>
    logsApi.detail(gatewayId, requestId, signal),
  );
}
