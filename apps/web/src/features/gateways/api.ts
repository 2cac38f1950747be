import type { Gateway, GatewayCredentials } from '@gateway/contracts';
import { callApi } from '@/lib/api-client';
import { useQuery } from '@/lib/useQuery';
import { useTeamsVersion } from '../teams/team-store';

export type { Gateway, GatewayCredentials };

export const gatewayApi = {
  list: (signal?: AbortSignal) => callApi('GET /gateway/list', { signal }),
  /** In `teamId`, or in the caller's personal team. */
  create: (name: string, teamId?: string) =>
    callApi('POST /gateway/create', { body: teamId ? { name, team_id: teamId } : { name } }),
  credentials: (id: string, signal?: AbortSignal) =>
    callApi('GET /gateway/{id}/credentials', { params: { id }, signal }),
  regenerate: (id: string) => callApi('POST /gateway/{id}/regenerate', { params: { id } }),
  rename: (id: string, name: string) =>
    callApi('PATCH /gateway/{id}', { params: { id }, body: { name } }),
  remove: (id: string) => callApi('DELETE /gateway/{id}', { params: { id } }),
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
