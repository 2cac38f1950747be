import type { AuthMethods, CredentialsBody, JoinResponse, Session, User } from '@gateway/contracts';
import { apiRequest } from '@/lib/api-client';

export type { AuthMethods, User };
export type AccountSession = Session;
export type Credentials = CredentialsBody;

export const authApi = {
  join: () => apiRequest<JoinResponse>('/auth/join', { method: 'POST', auth: 'none' }),
  register: (body: Credentials) =>
    apiRequest<Session>('/auth/register', { method: 'POST', body, auth: 'none' }),
  login: (body: Credentials) =>
    apiRequest<Session>('/auth/login', { method: 'POST', body, auth: 'none' }),
  upgrade: (body: Credentials) => apiRequest<Session>('/auth/upgrade', { method: 'POST', body }),
  logout: () => apiRequest<void>('/auth/logout', { method: 'POST' }),
  me: (signal?: AbortSignal) => apiRequest<User>('/auth/me', { signal }),
  methods: (signal?: AbortSignal) =>
    apiRequest<AuthMethods>('/auth/methods', { signal, auth: 'none' }),
  /** Reads the session the SSO callback left in an HttpOnly cookie (once). */
  exchangeSso: () => apiRequest<Session>('/auth/oidc/exchange', { method: 'POST', auth: 'none' }),
};

/** Where the "Sign in with SSO" button goes: a full-page navigation to the identity provider. */
export const SSO_LOGIN_PATH = '/auth/oidc/login';
