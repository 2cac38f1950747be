import { callApi, fetchApi } from '@/lib/api-client';
import { useQuery, type QueryOptions } from '@/lib/useQuery';
import type { LogsQuery } from './shape';

export const logsApi = {
  list: (gatewayId: string, query: LogsQuery, signal?: AbortSignal) =>
    callApi('GET /analytics/gateway/{id}/logs', { params: { id: gatewayId }, query, signal }),
  detail: (gatewayId: string, requestId: string, signal?: AbortSignal) =>
    callApi('GET /analytics/gateway/{id}/logs/{requestId}', {
      params: { id: gatewayId, requestId },
      signal,
    }),
  /** The export needs the auth header, so it is fetched and handed to the browser as a file. */
  download: async (gatewayId: string, format: 'csv' | 'json', range: { from: Date; to: Date }) => {
    const response = await fetchApi('GET /analytics/gateway/{id}/export', {
      params: { id: gatewayId },
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

export function useLogs(gatewayId: string, query: LogsQuery, options?: QueryOptions) {
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
