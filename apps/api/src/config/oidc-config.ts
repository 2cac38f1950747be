import type { Env } from './env.schema';

/** OpenID Connect single sign-on, present when OIDC_ISSUER_URL, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are set. */
export interface OidcConfig {
  issuerUrl: string;
  clientId: string;
  clientSecret: string;
  /** Where the identity provider sends the browser back: register it there. */
  redirectUrl: string;
  scopes: string;
  /** Lower-case email domains allowed to sign in; empty = any. */
  allowedDomains: string[];
  requireVerifiedEmail: boolean;
  displayName?: string;
  /** Team (id or exact shared-team name) accounts created by SSO join, and their role in it. */
  defaultTeam?: string;
  defaultRole: Env['OIDC_DEFAULT_ROLE'];
}

export const OIDC_CALLBACK_PATH = '/auth/oidc/callback';

/** Why a combination of valid variables cannot work; the caller turns it into a boot error. */
export class OidcConfigProblem extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(reason);
  }
}

/** The SSO settings, or undefined when SSO is off; throws OidcConfigProblem for a half-done setup. */
export function readOidcConfig(e: Env): OidcConfig | undefined {
  const core = {
    OIDC_ISSUER_URL: e.OIDC_ISSUER_URL,
    OIDC_CLIENT_ID: e.OIDC_CLIENT_ID,
    OIDC_CLIENT_SECRET: e.OIDC_CLIENT_SECRET,
  };
  const missing = Object.entries(core).filter(([, v]) => v === undefined);
  if (missing.length === 3) return undefined;
  if (missing.length > 0) {
    throw new OidcConfigProblem(
      missing[0][0],
      'OIDC_ISSUER_URL, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET go together',
    );
  }
  const redirectUrl =
    e.OIDC_REDIRECT_URL ??
    (e.PUBLIC_URL ? e.PUBLIC_URL.replace(/\/+$/, '') + OIDC_CALLBACK_PATH : undefined);
  if (!redirectUrl) {
    throw new OidcConfigProblem(
      'OIDC_REDIRECT_URL',
      `set PUBLIC_URL (the callback is then <PUBLIC_URL>${OIDC_CALLBACK_PATH}) or OIDC_REDIRECT_URL`,
    );
  }
  // A path prefix is fine (a reverse proxy that strips it); the gateway answers the callback path.
  if (!new URL(redirectUrl).pathname.endsWith(OIDC_CALLBACK_PATH)) {
    throw new OidcConfigProblem(
      'OIDC_REDIRECT_URL',
      `its path must end with ${OIDC_CALLBACK_PATH}`,
    );
  }
  return {
    issuerUrl: core.OIDC_ISSUER_URL!,
    clientId: core.OIDC_CLIENT_ID!,
    clientSecret: core.OIDC_CLIENT_SECRET!,
    redirectUrl,
    scopes: e.OIDC_SCOPES.split(/\s+/).filter(Boolean).join(' '),
    allowedDomains: [
      ...new Set(
        (e.OIDC_ALLOWED_DOMAINS ?? '')
          .split(',')
          .map((d) => d.trim().toLowerCase())
          .filter(Boolean),
      ),
    ],
    requireVerifiedEmail: e.OIDC_REQUIRE_EMAIL_VERIFIED === 'true',
    displayName: e.OIDC_DISPLAY_NAME?.trim() || undefined,
    defaultTeam: e.OIDC_DEFAULT_TEAM?.trim() || undefined,
    defaultRole: e.OIDC_DEFAULT_ROLE,
  };
}
