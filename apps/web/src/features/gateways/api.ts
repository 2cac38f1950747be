import type { CreatedGateway, Gateway, GatewayCredentials, GatewayList } from '@gateway/contracts';
import { apiRequest } from '@/lib/api-client';
import { useQuery } from '@/lib/useQuery';
import { useTeamsVersion } from '../teams/team-store';

export type { Gateway, GatewayCredentials };

export const gatewayApi = {
  list: (signal?: AbortSignal) => apiRequest<GatewayList>('/gateway/list', { signal }),
  /** In `teamId`, or in the caller's personal team. */
  create: (name: string, teamId?: string) =>
    apiRequest<CreatedGateway>('/gateway/create', {
      method: 'POST',
      body: teamId ? { name, team_id: teamId } : { name },
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

/** Every gateway of the caller's teams, with their role in each (reloaded when roles change). */
export function useGateways() {
  const version = useTeamsVersion();
  return useQuery(
    `gateways:${version}`,
    (signal) => gatewayApi.list(signal).then((r) => r.gateways),
    { keepPreviousData: true },
  );
}

export function useGatewayCredentials(gatewayId: string) {
  return useQuery(`credentials:${gatewayId}`, (signal) =>
    gatewayApi.credentials(gatewayId, signal),
  );
}
