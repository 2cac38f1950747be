import { pathToFileURL } from 'node:url';
import type * as OpenId from 'openid-client';
import type { OidcConfig } from '../../config/oidc-config';
import { SsoError } from './sso.errors';

type OpenIdModule = typeof OpenId;

// openid-client 6 ships as ES modules only. TypeScript compiles `import()` to `require()` under CommonJS,
// so the import goes through Function to stay a real dynamic import (resolved from this package first).
const importEsm = new Function('url', 'return import(url)') as (url: string) => Promise<unknown>;

let loaded: Promise<OpenIdModule> | undefined;

export function loadOpenIdClient(): Promise<OpenIdModule> {
  return (loaded ??= importEsm(pathToFileURL(require.resolve('openid-client')).href).then(
    (m) => m as OpenIdModule,
  ));
}

/** What one authorization request must remember until its callback: kept sealed in a cookie. */
export interface LoginChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** The ID token's claims (plus UserInfo's when the token lacks an email). */
export type IdentityClaims = Record<string, unknown> & { iss: string; sub: string };

/**
 * The gateway as an OpenID Connect relying party: authorization code flow with PKCE (S256), state
 * and nonce. Discovery runs on first use and is retried after a failure, so an identity provider
 * that is down at boot does not stop the gateway.
 */
export class OidcClient {
  private configuration?: Promise<OpenId.Configuration>;

  constructor(private readonly config: OidcConfig) {}

  async newChecks(): Promise<LoginChecks> {
    const lib = await loadOpenIdClient();
    return {
      state: lib.randomState(),
      nonce: lib.randomNonce(),
      codeVerifier: lib.randomPKCECodeVerifier(),
    };
  }

  async authorizationUrl(checks: LoginChecks): Promise<string> {
    const [lib, configuration] = await Promise.all([loadOpenIdClient(), this.discover()]);
    return lib.buildAuthorizationUrl(configuration, {
      redirect_uri: this.config.redirectUrl,
      scope: this.config.scopes,
      response_type: 'code',
      state: checks.state,
      nonce: checks.nonce,
      code_challenge: await lib.calculatePKCECodeChallenge(checks.codeVerifier),
      code_challenge_method: 'S256',
    }).href;
  }

  /** Redeems the code of a callback (its query string) and returns the validated identity claims. */
  async redeem(callbackQuery: string, checks: LoginChecks): Promise<IdentityClaims> {
    const [lib, configuration] = await Promise.all([loadOpenIdClient(), this.discover()]);
    // The registered redirect URL, not the request's own (a proxy in front changes scheme and host).
    const current = new URL(this.config.redirectUrl);
    current.search = callbackQuery;
    let tokens: Awaited<ReturnType<OpenIdModule['authorizationCodeGrant']>>;
    try {
      tokens = await lib.authorizationCodeGrant(configuration, current, {
        pkceCodeVerifier: checks.codeVerifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
    } catch (err) {
      throw describeGrantError(lib, err);
    }
    const claims = tokens.claims() as IdentityClaims | undefined;
    if (!claims) throw SsoError.provider('the identity provider returned no ID token');
    if (typeof claims.email === 'string' || !tokens.access_token) return claims;
    // Some providers put the email only in UserInfo.
    try {
      const info = await lib.fetchUserInfo(configuration, tokens.access_token, claims.sub);
      return { ...info, ...claims, email: info.email, email_verified: info.email_verified };
    } catch (err) {
      throw describeGrantError(lib, err);
    }
  }

  private discover(): Promise<OpenId.Configuration> {
    this.configuration ??= this.runDiscovery().catch((err: unknown) => {
      this.configuration = undefined;
      throw err instanceof SsoError
        ? err
        : SsoError.provider(
            `cannot read the identity provider's configuration at ${this.config.issuerUrl}: ${messageOf(err)}`,
          );
    });
    return this.configuration;
  }

  private async runDiscovery(): Promise<OpenId.Configuration> {
    const lib = await loadOpenIdClient();
    const { issuerUrl, clientId, clientSecret } = this.config;
    // http is the operator's explicit choice (an identity provider on a private network, tests).
    const execute = issuerUrl.startsWith('http:') ? [lib.allowInsecureRequests] : [];
    const found = await lib.discovery(new URL(issuerUrl), clientId, clientSecret, undefined, {
      execute,
      timeout: 10,
    });
    // client_secret_basic is the spec's default and what most providers register a client with.
    const metadata = found.serverMetadata();
    const methods = metadata.token_endpoint_auth_methods_supported ?? ['client_secret_basic'];
    const auth = methods.includes('client_secret_basic')
      ? lib.ClientSecretBasic(clientSecret)
      : lib.ClientSecretPost(clientSecret);
    const configuration = new lib.Configuration(metadata, clientId, clientSecret, auth);
    configuration.timeout = 10;
    for (const step of execute) step(configuration);
    return configuration;
  }
}

function messageOf(err: unknown): string {
  const e = err as { message?: string; cause?: { message?: string; code?: string } };
  const cause = e.cause?.code ?? e.cause?.message;
  return [e.message ?? String(err), cause].filter(Boolean).join(': ');
}

/** The provider's refusal (`error=access_denied`) or a failed exchange, as the user should read it. */
function describeGrantError(lib: OpenIdModule, err: unknown): SsoError {
  if (err instanceof lib.AuthorizationResponseError) {
    return SsoError.refused(`the identity provider answered ${err.error}`);
  }
  if (err instanceof lib.ResponseBodyError) {
    return SsoError.provider(`the identity provider refused the code: ${err.error}`);
  }
  return SsoError.provider(`the sign-in could not be verified: ${messageOf(err)}`);
}
