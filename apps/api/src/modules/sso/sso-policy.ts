import { CredentialsBody, type SignupMode } from '@gateway/contracts';
import { SsoError } from './sso.errors';

/** Who the identity provider says signed in, read from the validated ID token claims. */
export interface SsoIdentity {
  issuer: string;
  subject: string;
  /** Lower-cased; null when absent or not an email address. */
  email: string | null;
  emailVerified: boolean;
  /** A display name for a new account (`name`, else `preferred_username`). */
  name?: string;
}

export interface SsoPolicy {
  /** Lower-case domains; empty = any. */
  allowedDomains: string[];
  requireVerifiedEmail: boolean;
  signupMode: SignupMode;
}

const USERNAME_MAX = 64;

function cleanName(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  // Control and format characters and lone surrogates out (with /u a pair is one code point).
  const cleaned = value
    .replace(/[\p{Cc}\p{Cf}\uD800-\uDFFF]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
  return cleaned ? Array.from(cleaned).slice(0, USERNAME_MAX).join('').trim() : undefined;
}

export function identityFromClaims(
  claims: { iss: string; sub: string } & Record<string, unknown>,
): SsoIdentity {
  const email = CredentialsBody.shape.email.safeParse(claims.email);
  return {
    issuer: claims.iss,
    subject: claims.sub,
    email: email.success ? email.data : null,
    // Some providers send the boolean as a string.
    emailVerified: claims.email_verified === true || claims.email_verified === 'true',
    name: cleanName(claims.name) ?? cleanName(claims.preferred_username),
  };
}

export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

/** Refuses an identity that may not sign in at all (no email, unverified, a domain not allowed). */
export function checkAdmission(identity: SsoIdentity, policy: SsoPolicy): void {
  const { email } = identity;
  if (!email) {
    throw SsoError.forbidden(
      'The identity provider sent no email address: the gateway needs one (scope "email")',
    );
  }
  if (policy.requireVerifiedEmail && !identity.emailVerified) {
    throw SsoError.forbidden(
      `The identity provider has not verified ${email}: verify it there and sign in again`,
    );
  }
  const domain = emailDomain(email);
  if (policy.allowedDomains.length > 0 && !policy.allowedDomains.includes(domain)) {
    throw SsoError.forbidden(`${email} cannot sign in here: ${domain} is not an allowed domain`);
  }
}

/**
 * Whether single sign-on may create accounts. In `open` mode anyone the provider vouches for may;
 * in `invite` and `closed` modes only people of OIDC_ALLOWED_DOMAINS (the company's gate), so a
 * public provider (any Google account) never opens a closed gateway.
 */
export function mayCreateAccounts(policy: SsoPolicy): boolean {
  return policy.signupMode === 'open' || policy.allowedDomains.length > 0;
}

/** What is known about the gateway's side before a sign-in. */
export interface AccountFacts {
  /** The user this (issuer, subject) is already linked to. */
  linkedUserId: string | null;
  /** The account holding the identity's email, and whether it is linked to another subject at this issuer. */
  sameEmail: { userId: string; linkedElsewhere: boolean } | null;
}

export type AccountDecision =
  { action: 'sign-in'; userId: string } | { action: 'link'; userId: string } | { action: 'create' };

/**
 * The account-linking rule. The (issuer, subject) pair decides once linked, whatever the email says
 * later. Otherwise an existing account with the same email is linked only when the provider verified
 * that email, and only if that account has no other identity at this provider. Otherwise a new
 * account, when the policy allows creating one.
 */
export function decideAccount(
  identity: SsoIdentity,
  facts: AccountFacts,
  policy: SsoPolicy,
): AccountDecision {
  if (facts.linkedUserId) return { action: 'sign-in', userId: facts.linkedUserId };
  const email = identity.email ?? '';
  if (facts.sameEmail) {
    if (!identity.emailVerified) {
      throw SsoError.conflict(
        `An account with ${email} exists; the identity provider must verify the address before it can be linked`,
      );
    }
    if (facts.sameEmail.linkedElsewhere) {
      throw SsoError.conflict(
        `The account with ${email} is linked to another user of this identity provider`,
      );
    }
    return { action: 'link', userId: facts.sameEmail.userId };
  }
  if (!mayCreateAccounts(policy)) {
    throw SsoError.forbidden(
      `There is no account for ${email} on this gateway: ask its operator to add you`,
    );
  }
  return { action: 'create' };
}
