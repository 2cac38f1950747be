import { z } from 'zod';

/** `POST /auth/register`, `/auth/login`, `/auth/upgrade`. */
export const CredentialsBody = z
  .object({
    email: z.string().trim().toLowerCase().email('email must be a valid address').max(320),
    password: z.string().min(8, 'password must have at least 8 characters').max(1024),
  })
  .meta({ id: 'CredentialsBody' });
export type CredentialsBody = z.infer<typeof CredentialsBody>;

/** `GET /auth/me`. An anonymous (joined) account has no email. */
export const User = z
  .object({
    id: z.string(),
    username: z.string(),
    email: z.string().nullable(),
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
