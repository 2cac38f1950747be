import { z } from 'zod';

/** `POST /auth/register`, `/auth/login`, `/auth/upgrade`. */
export const CredentialsBody = z
  .object({
    email: z.string().trim().toLowerCase().email('email must be a valid address').max(320),
    password: z.string().min(8, 'password must have at least 8 characters').max(1024),
  })
  .meta({ id: 'CredentialsBody' });
export type CredentialsBody = z.infer<typeof CredentialsBody>;

/** `POST /auth/register`: in `invite` mode `invite_token` (from `POST /admin/invites`) is required. */
export const RegisterBody = CredentialsBody.extend({
  invite_token: z.string().trim().min(1).max(200).optional(),
}).meta({ id: 'RegisterBody' });
export type RegisterBody = z.infer<typeof RegisterBody>;

/** Who may create accounts (`SIGNUP_MODE`). */
export const SIGNUP_MODES = ['open', 'invite', 'closed'] as const;
export type SignupMode = (typeof SIGNUP_MODES)[number];

/** An admin can do everything the operator's `ADMIN_API_KEY` can. */
export const USER_ROLES = ['user', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** `GET /auth/me`. An anonymous (joined) account has no email. */
export const User = z
  .object({
    id: z.string(),
    username: z.string(),
    email: z.string().nullable(),
    role: z.enum(USER_ROLES),
  })
  .meta({ id: 'User', description: 'An account; an anonymous (joined) one has no email.' });
export type User = z.infer<typeof User>;

/** `POST /auth/join`: a new anonymous account; its session is the user id itself. */
export const JoinResponse = z.object({ id: z.string(), username: z.string() }).meta({
  id: 'JoinResponse',
  description: 'A new anonymous account: send its id as `x-user-id`.',
});
export type JoinResponse = z.infer<typeof JoinResponse>;

/** `POST /auth/register`, `/auth/login`, `/auth/upgrade`: the bearer token is shown once. */
export const Session = z
  .object({
    user: User,
    token: z.string().describe('session token for `Authorization: Bearer`; shown once'),
  })
  .meta({ id: 'Session' });
export type Session = z.infer<typeof Session>;

/** A row of `GET /auth/sessions`: the caller's live sessions (`current` is the one asking). */
export const SessionInfo = z
  .object({
    id: z.string(),
    created_at: z.string(),
    last_used_at: z.string(),
    expires_at: z.string(),
    current: z.boolean(),
  })
  .meta({ id: 'SessionInfo', description: 'A live session; `current` is the one asking.' });
export type SessionInfo = z.infer<typeof SessionInfo>;

/** `GET /auth/sessions`. */
export const SessionList = z.object({ sessions: z.array(SessionInfo) }).meta({ id: 'SessionList' });
export type SessionList = z.infer<typeof SessionList>;

/** `POST /auth/logout-all`: every session of the caller ended. */
export const LogoutAllResult = z
  .object({ sessions_ended: z.number().int() })
  .meta({ id: 'LogoutAllResult' });
export type LogoutAllResult = z.infer<typeof LogoutAllResult>;
