import type { AuthMethods, CredentialsBody, RegisterBody, Session, User } from '@gateway/contracts';
import { callApi } from '@/lib/api-client';

export type { AuthMethods, User };
export type AccountSession = Session;
export type Credentials = CredentialsBody;

export const authApi = {
  join: () => callApi('POST /auth/join', { auth: 'none' }),
  register: (body: RegisterBody) => callApi('POST /auth/register', { body, auth: 'none' }),
  login: (body: Credentials) => callApi('POST /auth/login', { body, auth: 'none' }),
  upgrade: (body: Credentials) => callApi('POST /auth/upgrade', { body }),
  logout: () => callApi('POST /auth/logout'),
  me: (signal?: AbortSignal) => callApi('GET /auth/me', { signal }),
  methods: (signal?: AbortSignal) => callApi('GET /auth/methods', { signal, auth: 'none' }),
  /** Reads the session the SSO callback left in an HttpOnly cookie (once). */
  exchangeSso: () => callApi('POST /auth/oidc/exchange', { auth: 'none' }),
};

/** Where the "Sign in with SSO" button goes: a full-page navigation to the identity provider. */
export const SSO_LOGIN_PATH = '/auth/oidc/login';
