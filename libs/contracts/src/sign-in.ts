/** `GET /auth/methods`: what the sign-in page offers. */
export interface AuthMethods {
  /** `POST /auth/join` (anonymous users): only in `open` sign-up mode. */
  anonymous: boolean;
  /** Email and password (`POST /auth/login`). */
  password: boolean;
  /** OpenID Connect single sign-on: `GET /auth/oidc/login` starts it. */
  sso: { enabled: boolean; name?: string };
  /** SIGNUP_MODE: whether `POST /auth/register` is open, needs an invite, or is closed. */
  signup_mode: 'open' | 'invite' | 'closed';
}
