import { apiRequest } from '@/lib/api-client';
import { useQuery } from '@/lib/useQuery';
import type {
  Provider,
  ProviderHealthList,
  ProviderList,
  ProviderModels,
  ProviderTestResult,
  RoutingSettings,
  RoutingSettingsBody,
} from '@gateway/contracts';

const base = (gatewayId: string) => `/gateway/${encodeURIComponent(gatewayId)}`;
const one = (gatewayId: string, id: string) =>
  `${base(gatewayId)}/providers/${encodeURIComponent(id)}`;

export const providerApi = {
  list: (gatewayId: string, signal?: AbortSignal) =>
    apiRequest<ProviderList>(`${base(gatewayId)}/providers`, { signal }),
  health: (gatewayId: string, signal?: AbortSignal) =>
    apiRequest<ProviderHealthList>(`${base(gatewayId)}/providers/health`, { signal }),
  create: (gatewayId: string, body: Record<string, unknown>) =>
    apiRequest<Provider>(`${base(gatewayId)}/providers`, { method: 'POST', body }),
  update: (gatewayId: string, id: string, body: Record<string, unknown>) =>
    apiRequest<Provider>(one(gatewayId, id), { method: 'PATCH', body }),
  remove: (gatewayId: string, id: string) =>
    apiRequest<void>(one(gatewayId, id), { method: 'DELETE' }),
  test: (gatewayId: string, id: string) =>
    apiRequest<ProviderTestResult>(`${one(gatewayId, id)}/test`, { method: 'POST' }),
  models: (gatewayId: string, id: string) =>
    apiRequest<ProviderModels>(`${one(gatewayId, id)}/models`),
  routing: (gatewayId: string, signal?: AbortSignal) =>
    apiRequest<RoutingSettings>(`${base(gatewayId)}/routing`, { signal }),
  saveRouting: (gatewayId: string, body: RoutingSettingsBody) =>
    apiRequest<RoutingSettings>(`${base(gatewayId)}/routing`, { method: 'PUT', body }),
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
