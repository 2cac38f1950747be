import { SsoError } from './sso.errors';
import {
  checkAdmission,
  decideAccount,
  identityFromClaims,
  mayCreateAccounts,
  type SsoIdentity,
  type SsoPolicy,
} from './sso-policy';

const OPEN: SsoPolicy = { allowedDomains: [], requireVerifiedEmail: true, signupMode: 'open' };
const COMPANY: SsoPolicy = { ...OPEN, allowedDomains: ['example.com'], signupMode: 'closed' };

function identity(overrides: Partial<SsoIdentity> = {}): SsoIdentity {
  return {
    issuer: 'https://idp.example.com',
    subject: 'sub-1',
    email: 'ada@example.com',
    emailVerified: true,
    ...overrides,
  };
}

function refusal(fn: () => unknown): SsoError {
  try {
    fn();
  } catch (err) {
    if (err instanceof SsoError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('identityFromClaims', () => {
  it('lower-cases the email, accepts "true" as verified and takes name, else preferred_username', () => {
    expect(
      identityFromClaims({
        iss: 'https://idp',
        sub: 's',
        email: ' Ada@Example.COM ',
        email_verified: 'true',
        preferred_username: 'ada',
      }),
    ).toEqual({
      issuer: 'https://idp',
      subject: 's',
      email: 'ada@example.com',
      emailVerified: true,
      name: 'ada',
    });
  });

  it('drops an email that is not one and cleans a hostile name to 64 printable characters', () => {
    const id = identityFromClaims({
      iss: 'i',
      sub: 's',
      email: 'not-an-email',
      email_verified: true,
      name: `  Ada\u0000\u202e  Lovelace\ud800${'x'.repeat(100)}`,
    });
    expect(id.email).toBeNull();
    expect(id.name).toBe(`Ada Lovelace${'x'.repeat(52)}`);
    expect(identityFromClaims({ iss: 'i', sub: 's', name: '\u0007' }).name).toBeUndefined();
  });
});

describe('checkAdmission', () => {
  it('admits a verified email of an allowed domain, or any domain when none is listed', () => {
    expect(() => checkAdmission(identity(), COMPANY)).not.toThrow();
    expect(() => checkAdmission(identity({ email: 'x@other.org' }), OPEN)).not.toThrow();
  });

  it('refuses a missing email, an unverified one, and another domain, with 403', () => {
    expect(refusal(() => checkAdmission(identity({ email: null }), OPEN)).message).toMatch(
      /sent no email address/,
    );
    const unverified = refusal(() => checkAdmission(identity({ emailVerified: false }), OPEN));
    expect(unverified.status).toBe(403);
    expect(unverified.message).toMatch(/has not verified ada@example.com/);
    expect(
      refusal(() => checkAdmission(identity({ email: 'ada@example.com.evil.org' }), COMPANY))
        .message,
    ).toBe(
      'ada@example.com.evil.org cannot sign in here: example.com.evil.org is not an allowed domain',
    );
  });

  it('lets an unverified email through when OIDC_REQUIRE_EMAIL_VERIFIED=false', () => {
    const lax = { ...OPEN, requireVerifiedEmail: false };
    expect(() => checkAdmission(identity({ emailVerified: false }), lax)).not.toThrow();
  });
});

describe('mayCreateAccounts', () => {
  it('creates accounts in open mode, and in invite or closed mode only for allowed domains', () => {
    expect(mayCreateAccounts(OPEN)).toBe(true);
    expect(mayCreateAccounts({ ...OPEN, signupMode: 'invite' })).toBe(false);
    expect(mayCreateAccounts({ ...OPEN, signupMode: 'closed' })).toBe(false);
    expect(mayCreateAccounts(COMPANY)).toBe(true);
  });
});

describe('decideAccount (the account-linking rule)', () => {
  it('signs in the linked user whatever the email says now', () => {
    expect(
      decideAccount(
        identity({ email: 'new@example.com' }),
        { linkedUserId: 'u1', sameEmail: null },
        COMPANY,
      ),
    ).toEqual({ action: 'sign-in', userId: 'u1' });
  });

  it('links an account with the same verified email', () => {
    expect(
      decideAccount(
        identity(),
        { linkedUserId: null, sameEmail: { userId: 'u2', linkedElsewhere: false } },
        COMPANY,
      ),
    ).toEqual({ action: 'link', userId: 'u2' });
  });

  it('never links on an unverified email, nor an account already linked to another subject', () => {
    const unverified = refusal(() =>
      decideAccount(
        identity({ emailVerified: false }),
        { linkedUserId: null, sameEmail: { userId: 'u2', linkedElsewhere: false } },
        { ...OPEN, requireVerifiedEmail: false },
      ),
    );
    expect(unverified.status).toBe(409);
    expect(unverified.message).toMatch(/must verify the address before it can be linked/);
    const taken = refusal(() =>
      decideAccount(
        identity(),
        { linkedUserId: null, sameEmail: { userId: 'u2', linkedElsewhere: true } },
        COMPANY,
      ),
    );
    expect(taken.status).toBe(409);
  });

  it('creates an account when allowed, and refuses a stranger when sign-up is closed without domains', () => {
    expect(decideAccount(identity(), { linkedUserId: null, sameEmail: null }, OPEN)).toEqual({
      action: 'create',
    });
    const stranger = refusal(() =>
      decideAccount(
        identity(),
        { linkedUserId: null, sameEmail: null },
        { ...OPEN, signupMode: 'invite' },
      ),
    );
    expect(stranger.status).toBe(403);
    expect(stranger.message).toBe(
      'There is no account for ada@example.com on this gateway: ask its operator to add you',
    );
  });
});
