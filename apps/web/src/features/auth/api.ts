import type { CredentialsBody, Session, User } from '@gateway/contracts';
import { callApi } from '@/lib/api-client';

export type { User };
export type AccountSession = Session;
export type Credentials = CredentialsBody;

export const authApi = {
  join: () => callApi('POST /auth/join', { auth: 'none' }),
  register: (body: Credentials) => callApi('POST /auth/register', { body, auth: 'none' }),
  login: (body: Credentials) => callApi('POST /auth/login', { body, auth: 'none' }),
  upgrade: (body: Credentials) => callApi('POST /auth/upgrade', { body }),
  logout: () => callApi('POST /auth/logout'),
  me: (signal?: AbortSignal) => callApi('GET /auth/me', { signal }),
};
