import { apiRequest } from '@/lib/api-client';

export interface User {
  id: string;
  username: string;
  email: string | null;
}

export interface AccountSession {
  user: { id: string; username: string; email: string };
  token: string;
}

export interface Credentials {
  email: string;
  password: string;
}

export const authApi = {
  join: () =>
    apiRequest<{ id: string; username: string }>('/auth/join', { method: 'POST', auth: 'none' }),
  register: (body: Credentials) =>
    apiRequest<AccountSession>('/auth/register', { method: 'POST', body, auth: 'none' }),
  login: (body: Credentials) =>
    apiRequest<AccountSession>('/auth/login', { method: 'POST', body, auth: 'none' }),
  upgrade: (body: Credentials) =>
    apiRequest<AccountSession>('/auth/upgrade', { method: 'POST', body }),
  logout: () => apiRequest<void>('/auth/logout', { method: 'POST' }),
  me: (signal?: AbortSignal) => apiRequest<User>('/auth/me', { signal }),
};
