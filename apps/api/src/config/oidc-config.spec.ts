import { InvalidEnvironmentError, loadConfig } from './app-config';

const CORE = {
  OIDC_ISSUER_URL: 'https://login.example.com/realms/acme',
  OIDC_CLIENT_ID: 'gateway',
  OIDC_CLIENT_SECRET: 'client-secret-value',
};

describe('OIDC settings', () => {
  it('leaves SSO off and sign-up open on an empty environment', () => {
    const c = loadConfig({});
    expect(c.oidc).toBeUndefined();
    expect(c.access.signupMode).toBe('open');
  });

  it('derives the callback from PUBLIC_URL and applies the defaults', () => {
    const c = loadConfig({ ...CORE, PUBLIC_URL: 'https://gw.example.com/' });
    expect(c.oidc).toEqual({
      issuerUrl: CORE.OIDC_ISSUER_URL,
      clientId: 'gateway',
      clientSecret: 'client-secret-value',
      redirectUrl: 'https://gw.example.com/auth/oidc/callback',
      scopes: 'openid email profile',
      allowedDomains: [],
      requireVerifiedEmail: true,
      displayName: undefined,
      defaultTeam: undefined,
      defaultRole: 'member',
    });
  });

  it('prefers OIDC_REDIRECT_URL and reads domains, scopes and the verified-email switch', () => {
    const c = loadConfig({
      ...CORE,
      PUBLIC_URL: 'https://ignored.example.com',
      OIDC_REDIRECT_URL: 'https://gw.example.com/llm/auth/oidc/callback',
      OIDC_ALLOWED_DOMAINS: 'Example.com, corp.example.org,,example.com',
      OIDC_SCOPES: '  openid   email groups ',
      OIDC_REQUIRE_EMAIL_VERIFIED: 'false',
      OIDC_DISPLAY_NAME: 'Okta',
    });
    expect(c.oidc).toMatchObject({
      redirectUrl: 'https://gw.example.com/llm/auth/oidc/callback',
      allowedDomains: ['example.com', 'corp.example.org'],
      scopes: 'openid email groups',
      requireVerifiedEmail: false,
      displayName: 'Okta',
    });
  });

  it('stops at boot on a half-done setup, naming the variable and never the secret', () => {
    expect(() => loadConfig({ OIDC_ISSUER_URL: CORE.OIDC_ISSUER_URL })).toThrow(
      /^Invalid environment: OIDC_CLIENT_ID \(unset\) \(OIDC_ISSUER_URL, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET go together\)/,
    );
    expect(() => loadConfig({ OIDC_CLIENT_SECRET: 'hunter2hunter2' })).toThrow(
      /OIDC_ISSUER_URL \(unset\)/,
    );
    expect(() => loadConfig(CORE)).toThrow(/OIDC_REDIRECT_URL \(unset\) \(set PUBLIC_URL/);
    expect(() =>
      loadConfig({ ...CORE, OIDC_REDIRECT_URL: 'https://gw.example.com/callback' }),
    ).toThrow(/must end with \/auth\/oidc\/callback/);
    expect(() => loadConfig({ ...CORE, PUBLIC_URL: 'x', OIDC_CLIENT_SECRET: 'hunter2' })).toThrow(
      InvalidEnvironmentError,
    );
  });

  it('rejects bad values with the reason', () => {
    expect(() => loadConfig({ SIGNUP_MODE: 'maybe' })).toThrow(/SIGNUP_MODE=maybe/);
    expect(() => loadConfig({ OIDC_ISSUER_URL: 'ftp://idp' })).toThrow(/http\(s\) URL/);
    expect(() => loadConfig({ OIDC_SCOPES: 'email profile' })).toThrow(/must include openid/);
    expect(() => loadConfig({ OIDC_ALLOWED_DOMAINS: 'example.com,@bad' })).toThrow(
      /OIDC_ALLOWED_DOMAINS=example.com,@bad \(must be a comma-separated list/,
    );
    expect(() => loadConfig({ OIDC_DEFAULT_ROLE: 'owner' })).toThrow(/OIDC_DEFAULT_ROLE=owner/);
  });
});
