import { apiRequest } from '@/lib/api-client';
import { useQuery } from '@/lib/useQuery';
import type { CreatedKey, Key, KeyList } from '@gateway/contracts';

const base = (gatewayId: string) => `/gateway/${encodeURIComponent(gatewayId)}/keys`;

export const keyApi = {
  list: (gatewayId: string, signal?: AbortSignal) =>
    apiRequest<KeyList>(base(gatewayId), { signal }),
  create: (gatewayId: string, body: Record<string, unknown>) =>
    apiRequest<CreatedKey>(base(gatewayId), { method: 'POST', body }),
  update: (gatewayId: string, id: string, body: Record<string, unknown>) =>
    apiRequest<Key>(`${base(gatewayId)}/${encodeURIComponent(id)}`, {
      method: 'PATCH',
      body,
    }),
  remove: (gatewayId: string, id: string) =>
    apiRequest<void>(`${base(gatewayId)}/${encodeURIComponent(id)}`, { method: 'DELETE' }),
};

export function useKeys(gatewayId: string) {
  return useQuery(`keys:${gatewayId}`, (signal) =>
    keyApi.list(gatewayId, signal).then((r) => r.keys),
  );
}
