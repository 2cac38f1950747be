import type { AuthMethods } from './api';

export interface SignInOptions {
  /** The SSO button's label, when single sign-on is configured. */
  sso: string | null;
  anonymous: boolean;
  /** The "Create account" tab: only where anyone may register. */
  register: boolean;
}

/** What the sign-in page shows; without an answer from /auth/methods, only the password form. */
export function signInOptions(methods: AuthMethods | undefined): SignInOptions {
  if (!methods) return { sso: null, anonymous: false, register: false };
  return {
    sso: methods.sso.enabled ? `Sign in with ${methods.sso.name ?? 'SSO'}` : null,
    anonymous: methods.anonymous,
    register: methods.signup_mode === 'open',
  };
}
