import type { CreateKeyInput, UpdateKeyInput } from '@gateway/contracts';
import { callApi } from '@/lib/api-client';
import { useQuery } from '@/lib/useQuery';

export const keyApi = {
  list: (gatewayId: string, signal?: AbortSignal) =>
    callApi('GET /gateway/{id}/keys', { params: { id: gatewayId }, signal }),
  create: (gatewayId: string, body: CreateKeyInput) =>
    callApi('POST /gateway/{id}/keys', { params: { id: gatewayId }, body }),
  update: (gatewayId: string, id: string, body: UpdateKeyInput) =>
    callApi('PATCH /gateway/{id}/keys/{kid}', { params: { id: gatewayId, kid: id }, body }),
  remove: (gatewayId: string, id: string) =>
    callApi('DELETE /gateway/{id}/keys/{kid}', { params: { id: gatewayId, kid: id } }),
};

export function useKeys(gatewayId: string) {
  return useQuery(`keys:${gatewayId}`, (signal) =>
    keyApi.list(gatewayId, signal).then((r) => r.keys),
  );
}
