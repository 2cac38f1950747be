import { z } from 'zod';

/** `POST /auth/register`, `/auth/login`, `/auth/upgrade`. */
export const CredentialsBody = z.object({
  email: z.string().trim().toLowerCase().email('email must be a valid address').max(320),
  password: z.string().min(8, 'password must have at least 8 characters').max(1024),
});
export type CredentialsBody = z.infer<typeof CredentialsBody>;

/** `POST /auth/register`: in `invite` mode `invite_token` (from `POST /admin/invites`) is required. */
export const RegisterBody = CredentialsBody.extend({
  invite_token: z.string().trim().min(1).max(200).optional(),
});
export type RegisterBody = z.infer<typeof RegisterBody>;

/** Who may create accounts (`SIGNUP_MODE`). */
export const SIGNUP_MODES = ['open', 'invite', 'closed'] as const;
export type SignupMode = (typeof SIGNUP_MODES)[number];

/** An admin can do everything the operator's `ADMIN_API_KEY` can. */
export const USER_ROLES = ['user', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** `GET /auth/me`. An anonymous (joined) account has no email. */
export interface User {
  id: string;
  username: string;
  email: string | null;
  role: UserRole;
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

/** A row of `GET /auth/sessions`: the caller's live sessions (`current` is the one asking). */
export interface SessionInfo {
  id: string;
  created_at: string;
  last_used_at: string;
  expires_at: string;
  current: boolean;
}

/** `GET /auth/sessions`. */
export interface SessionList {
  sessions: SessionInfo[];
}
