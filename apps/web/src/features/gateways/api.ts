import type { CreatedGateway, Gateway, GatewayCredentials, GatewayList } from '@gateway/contracts';
import { apiRequest } from '@/lib/api-client';
import { useQuery } from '@/lib/useQuery';

export type { Gateway, GatewayCredentials };

export const gatewayApi = {
  list: (signal?: AbortSignal) => apiRequest<GatewayList>('/gateway/list', { signal }),
  create: (name: string) =>
    apiRequest<CreatedGateway>('/gateway/create', {
      method: 'POST',
      body: { name },
    }),
  credentials: (id: string, signal?: AbortSignal) =>
    apiRequest<GatewayCredentials>(`/gateway/${encodeURIComponent(id)}/credentials`, { signal }),
  regenerate: (id: string) =>
    apiRequest<GatewayCredentials>(`/gateway/${encodeURIComponent(id)}/regenerate`, {
      method: 'POST',
    }),
  rename: (id: string, name: string) =>
    apiRequest<Gateway>(`/gateway/${encodeURIComponent(id)}`, { method: 'PATCH', body: { name } }),
  remove: (id: string) =>
    apiRequest<void>(`/gateway/${encodeURIComponent(id)}`, { method: 'DELETE' }),
};

export function useGateways() {
  return useQuery('gateways', (signal) => gatewayApi.list(signal).then((r) => r.gateways));
}

export function useGatewayCredentials(gatewayId: string) {
  return useQuery(`credentials:${gatewayId}`, (signal) =>
    gatewayApi.credentials(gatewayId, signal),
  );
}
