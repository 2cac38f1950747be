import { callApi } from '@/lib/api-client';
import { useQuery } from '@/lib/useQuery';
import type {
  CreateProviderInput,
  RoutingSettingsBody,
  UpdateProviderInput,
} from '@gateway/contracts';

export const providerApi = {
  list: (gatewayId: string, signal?: AbortSignal) =>
    callApi('GET /gateway/{id}/providers', { params: { id: gatewayId }, signal }),
  health: (gatewayId: string, signal?: AbortSignal) =>
    callApi('GET /gateway/{id}/providers/health', { params: { id: gatewayId }, signal }),
  create: (gatewayId: string, body: CreateProviderInput) =>
    callApi('POST /gateway/{id}/providers', { params: { id: gatewayId }, body }),
  update: (gatewayId: string, id: string, body: UpdateProviderInput) =>
    callApi('PATCH /gateway/{id}/providers/{pid}', { params: { id: gatewayId, pid: id }, body }),
  remove: (gatewayId: string, id: string) =>
    callApi('DELETE /gateway/{id}/providers/{pid}', { params: { id: gatewayId, pid: id } }),
  test: (gatewayId: string, id: string) =>
    callApi('POST /gateway/{id}/providers/{pid}/test', { params: { id: gatewayId, pid: id } }),
  models: (gatewayId: string, id: string) =>
    callApi('GET /gateway/{id}/providers/{pid}/models', { params: { id: gatewayId, pid: id } }),
  routing: (gatewayId: string, signal?: AbortSignal) =>
    callApi('GET /gateway/{id}/routing', { params: { id: gatewayId }, signal }),
  saveRouting: (gatewayId: string, body: RoutingSettingsBody) =>
    callApi('PUT /gateway/{id}/routing', { params: { id: gatewayId }, body }),
};

export function useProviders(gatewayId: string) {
  return useQuery(`providers:${gatewayId}`, (signal) =>
    providerApi.list(gatewayId, signal).then((r) => r.providers),
  );
}

/** Breaker and concurrency state moves with traffic, so it refreshes on its own. */
export function useProviderHealth(gatewayId: string) {
  return useQuery(
    `provider-health:${gatewayId}`,
    (signal) => providerApi.health(gatewayId, signal).then((r) => r.providers),
    { refetchIntervalMs: 5000 },
  );
}

export function useRoutingSettings(gatewayId: string) {
  return useQuery(`routing:${gatewayId}`, (signal) => providerApi.routing(gatewayId, signal));
}
