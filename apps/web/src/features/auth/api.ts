import type {
  CredentialsBody,
  JoinResponse,
  RegisterBody,
  Session,
  User,
} from '@gateway/contracts';
import { apiRequest } from '@/lib/api-client';

export type { User };
export type AccountSession = Session;
export type Credentials = CredentialsBody;

export const authApi = {
  join: () => apiRequest<JoinResponse>('/auth/join', { method: 'POST', auth: 'none' }),
  register: (body: RegisterBody) =>
    apiRequest<Session>('/auth/register', { method: 'POST', body, auth: 'none' }),
  login: (body: Credentials) =>
    apiRequest<Session>('/auth/login', { method: 'POST', body, auth: 'none' }),
  upgrade: (body: Credentials) => apiRequest<Session>('/auth/upgrade', { method: 'POST', body }),
  logout: () => apiRequest<void>('/auth/logout', { method: 'POST' }),
  me: (signal?: AbortSignal) => apiRequest<User>('/auth/me', { signal }),
};
