import { apiRequest } from '@/lib/api-client';
import { useQuery, type QueryOptions } from '@/lib/useQuery';
import type {
  AdminGatewayList,
  AdminStatus,
  AdminUser,
  AdminUserList,
  CreatedInvite,
  EnvGrant,
  InviteList,
  UserRole,
} from '@gateway/contracts';

const user = (id: string) => `/admin/users/${encodeURIComponent(id)}`;

export const adminApi = {
  status: (signal?: AbortSignal) => apiRequest<AdminStatus>('/admin/status', { signal }),
  users: (q: string, signal?: AbortSignal) =>
    apiRequest<AdminUserList>('/admin/users', { query: { q }, signal }),
  createUser: (body: { email: string; password: string; role: UserRole }) =>
    apiRequest<AdminUser>('/admin/users', { method: 'POST', body }),
  updateUser: (id: string, body: { disabled?: boolean; role?: UserRole }) =>
    apiRequest<AdminUser>(user(id), { method: 'PATCH', body }),
  setEnvGrant: (id: string, granted: boolean) =>
    apiRequest<EnvGrant>(`${user(id)}/env-grant`, { method: granted ? 'PUT' : 'DELETE' }),
  invites: (signal?: AbortSignal) => apiRequest<InviteList>('/admin/invites', { signal }),
  createInvite: (body: { email?: string; role: UserRole; expires_in_hours: number }) =>
    apiRequest<CreatedInvite>('/admin/invites', { method: 'POST', body }),
  revokeInvite: (id: string) =>
    apiRequest<void>(`/admin/invites/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  gateways: (signal?: AbortSignal) => apiRequest<AdminGatewayList>('/admin/gateways', { signal }),
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
