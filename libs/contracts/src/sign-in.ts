import { z } from 'zod';

/** `GET /auth/methods`: what the sign-in page offers. */
export const AuthMethods = z
  .object({
    anonymous: z
      .boolean()
      .describe('`POST /auth/join` (anonymous users): only in `open` sign-up mode'),
    password: z.boolean().describe('email and password (`POST /auth/login`)'),
    sso: z
      .object({ enabled: z.boolean(), name: z.string().optional() })
      .describe('OpenID Connect single sign-on: `GET /auth/oidc/login` starts it'),
    signup_mode: z
      .enum(['open', 'invite', 'closed'])
      .describe(
        'SIGNUP_MODE: whether `POST /auth/register` is open, needs an invite, or is closed',
      ),
  })
  .meta({ id: 'AuthMethods' });
export type AuthMethods = z.infer<typeof AuthMethods>;
