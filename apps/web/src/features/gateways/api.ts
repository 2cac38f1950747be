import type { Gateway, GatewayCredentials } from '@gateway/contracts';
import { callApi } from '@/lib/api-client';
import { useQuery } from '@/lib/useQuery';

export type { Gateway, GatewayCredentials };

export const gatewayApi = {
  list: (signal?: AbortSignal) => callApi('GET /gateway/list', { signal }),
  create: (name: string) => callApi('POST /gateway/create', { body: { name } }),
  credentials: (id: string, signal?: AbortSignal) =>
    callApi('GET /gateway/{id}/credentials', { params: { id }, signal }),
  regenerate: (id: string) => callApi('POST /gateway/{id}/regenerate', { params: { id } }),
  rename: (id: string, name: string) =>
    callApi('PATCH /gateway/{id}', { params: { id }, body: { name } }),
  remove: (id: string) => callApi('DELETE /gateway/{id}', { params: { id } }),
};

export function useGateways() {
  return useQuery('gateways', (signal) => gatewayApi.list(signal).then((r) => r.gateways));
}

export function useGatewayCredentials(gatewayId: string) {
  return useQuery(`credentials:${gatewayId}`, (signal) =>
    gatewayApi.credentials(gatewayId, signal),
  );
}
