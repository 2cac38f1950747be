import { describe, expect, it } from 'vitest';
import { signInOptions } from './sign-in-options';

describe('signInOptions', () => {
  it('offers everything in open mode, naming the identity provider on the SSO button', () => {
    expect(
      signInOptions({
        anonymous: true,
        password: true,
        sso: { enabled: true, name: 'Okta' },
        signup_mode: 'open',
      }),
    ).toEqual({ sso: 'Sign in with Okta', anonymous: true, register: true });
  });

  it('hides anonymous join and registration outside open mode, and SSO when it is off', () => {
    expect(
      signInOptions({
        anonymous: false,
        password: true,
        sso: { enabled: false },
        signup_mode: 'invite',
      }),
    ).toEqual({ sso: null, anonymous: false, register: false });
    expect(
      signInOptions({
        anonymous: false,
        password: true,
        sso: { enabled: true },
        signup_mode: 'closed',
      }).sso,
    ).toBe('Sign in with SSO');
  });

  it('falls back to the password form alone when the methods could not be loaded', () => {
    expect(signInOptions(undefined)).toEqual({ sso: null, anonymous: false, register: false });
  });
});
