import { callApi } from '@/lib/api-client';
import { useQuery, type QueryOptions } from '@/lib/useQuery';
import type { UserRole } from '@gateway/contracts';

export const adminApi = {
  status: (signal?: AbortSignal) => callApi('GET /admin/status', { signal }),
  users: (q: string, signal?: AbortSignal) => callApi('GET /admin/users', { query: { q }, signal }),
  createUser: (body: { email: string; password: string; role: UserRole }) =>
    callApi('POST /admin/users', { body }),
  updateUser: (userId: string, body: { disabled?: boolean; role?: UserRole }) =>
    callApi('PATCH /admin/users/{uid}', { params: { uid: userId }, body }),
  setEnvGrant: (userId: string, granted: boolean) =>
    granted
      ? callApi('PUT /admin/users/{uid}/env-grant', { params: { uid: userId } })
      : callApi('DELETE /admin/users/{uid}/env-grant', { params: { uid: userId } }),
  invites: (signal?: AbortSignal) => callApi('GET /admin/invites', { signal }),
  createInvite: (body: { email?: string; role: UserRole; expires_in_hours: number }) =>
    callApi('POST /admin/invites', { body }),
  revokeInvite: (inviteId: string) =>
    callApi('DELETE /admin/invites/{inviteId}', { params: { inviteId } }),
  gateways: (signal?: AbortSignal) => callApi('GET /admin/gateways', { signal }),
};

export const useAdminStatus = () => useQuery('admin:status', (s) => adminApi.status(s));
export const useAdminUsers = (q: string) =>
  useQuery(`admin:users:${q}`, (s) => adminApi.users(q, s).then((r) => r.users), {
    keepPreviousData: true,
  });
export const useInvites = () =>
  useQuery('admin:invites', (s) => adminApi.invites(s).then((r) => r.invites));
export const useAdminGateways = (options?: QueryOptions) =>
  useQuery('admin:gateways', (s) => adminApi.gateways(s).then((r) => r.gateways), options);
