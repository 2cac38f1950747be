import { z } from 'zod';

/** `POST /auth/register`, `/auth/login`, `/auth/upgrade`. */
export const CredentialsBody = z.object({
  email: z.string().trim().toLowerCase().email('email must be a valid address').max(320),
  password: z.string().min(8, 'password must have at least 8 characters').max(1024),
});
export type CredentialsBody = z.infer<typeof CredentialsBody>;

/** `GET /auth/me`. An anonymous (joined) account has no email. */
export interface User {
  id: string;
  username: string;
  email: string | null;
}

/** `POST /auth/join`: a new anonymous account; its session is the user id itself. */
export interface JoinResponse {
  id: string;
  username: string;
}

/** `POST /auth/register`, `/auth/login`, `/auth/upgrade`: the bearer token is shown once. */
export interface Session {
  user: User;
  token: string;
}
