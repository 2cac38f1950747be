// Single sign-on end to end: the built gateway (child process) against a real OpenID Connect provider
// (oidc-provider, child process), driven like a browser: cookies kept per host, redirects followed.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startChildServer, type ChildServer } from './support/child-server';
import { CookieJar, follow, visit, type Visit } from './support/cookie-jar';
import { freePort } from './support/free-port';
import { AnswerChecker } from './support/openapi-checker';
import { exchangeSso, formAction, insertAccount, signInWithSso } from './support/sso-browser';
import {
  startTestIdentityProvider,
  type TestIdentityProvider,
} from './support/oidc-provider-process';
import { api } from './support/test-app';
import type { OpenApiDocument } from '../src/modules/docs/openapi-document';

let idp: TestIdentityProvider;
let gw: ChildServer;
let db: Client;
const dataDir = mkdtempSync(join(tmpdir(), 'gw-sso-'));
// Fresh addresses per run: the test database outlives it.
const run = randomUUID().slice(0, 8);
const issuedTokens: string[] = [];
const ADMIN_KEY = `sso-admin-${randomUUID()}`;

beforeAll(async () => {
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  idp = await startTestIdentityProvider([`${publicUrl}/auth/oidc/callback`]);
  gw = await startChildServer({
    PORT: String(port),
    DATABASE_URL: process.env.DATABASE_URL ?? '',
    DATA_DIR: dataDir,
    ENCRYPTION_KEY: 'd'.repeat(64),
    LOG_LEVEL: 'info',
    SIGNUP_MODE: 'invite',
    PUBLIC_URL: publicUrl,
    OIDC_ISSUER_URL: idp.issuer,
    OIDC_CLIENT_ID: idp.clientId,
    OIDC_CLIENT_SECRET: idp.clientSecret,
    OIDC_ALLOWED_DOMAINS: 'example.com',
    OIDC_DISPLAY_NAME: 'Test IdP',
    ADMIN_API_KEY: ADMIN_KEY,
  });
  db = new Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
});

afterAll(async () => {
  await db?.end();
  await gw?.stop();
  await idp?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const signIn = (email: string, jar?: CookieJar, callbackAccept?: string) =>
  signInWithSso(gw.url, email, jar, callbackAccept);
const exchange = (jar: CookieJar) => exchangeSso(gw.url, jar);

async function usersWithEmail(email: string): Promise<number> {
  return (await db.query('SELECT 1 FROM users WHERE email = $1', [email])).rowCount ?? 0;
}

describe('single sign-on through a real OpenID Connect provider', () => {
  it('tells the sign-in page what it offers: SSO and password, no anonymous join outside open mode', async () => {
    const methods = await api(gw.url, 'GET', '/auth/methods');
    expect(methods.status).toBe(200);
    expect(methods.body).toEqual({
      anonymous: false,
      password: true,
      sso: { enabled: true, name: 'Test IdP' },
      signup_mode: 'invite',
    });
  });

  it('signs a new user of an allowed domain in with PKCE, state and nonce, and hands the dashboard a session once', async () => {
    const email = `alice-${run}@example.com`;
    const { jar, login, callback } = await signIn(email);

    const authorize = new URL(String(login.headers.location));
    expect(authorize.origin).toBe(idp.issuer);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: idp.clientId,
      redirect_uri: `${gw.url}/auth/oidc/callback`,
      scope: 'openid email profile',
      code_challenge_method: 'S256',
    });
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(authorize.searchParams.get('state')).toMatch(/^[\w-]{20,}$/);
    expect(authorize.searchParams.get('nonce')).toMatch(/^[\w-]{20,}$/);
    expect(String(login.headers['set-cookie'])).toMatch(
      /^gw_oidc_login=[^;]+; Path=\/auth\/oidc; Max-Age=600; HttpOnly; SameSite=Lax$/,
    );

    // Back at the dashboard without a token or code in the URL.
    expect(callback.status).toBe(303);
    expect(callback.headers.location).toBe('/sign-in/sso');

    const session = await exchange(jar);
    expect(session.status).toBe(200);
    issuedTokens.push(session.body.token);
    // The provider's `name` claim ("Alice <run>") becomes the username.
    expect(session.body.user).toMatchObject({ email, username: expect.stringMatching(/^Alice /) });
    const me = await api(gw.url, 'GET', '/auth/me', {
      headers: { authorization: `Bearer ${session.body.token}` },
    });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: session.body.user.id, email });

    // The hand-off is gone once read.
    const again = await exchange(jar);
    expect(again.status).toBe(400);
    expect(again.body.error.message).toMatch(/No single sign-on to complete/);

    // The same person again: the same account.
    const second = await signIn(email);
    expect((await exchange(second.jar)).body.user.id).toBe(session.body.user.id);
    expect(await usersWithEmail(email)).toBe(1);
  });

  it('links an existing account with the same verified email instead of creating another', async () => {
    const email = `bob-${run}@example.com`;
    const id = await insertAccount(db, 'Bob', email);
    const { jar } = await signIn(email);
    const session = await exchange(jar);
    expect(session.body.user).toEqual({ id, username: 'Bob', email, role: 'user' });
    expect(await usersWithEmail(email)).toBe(1);
  });

  it('treats an SSO account as registered: no x-user-id, audited sign-ins, refused once disabled', async () => {
    const email = `dave-${run}@example.com`;
    const { jar } = await signIn(email);
    const session = await exchange(jar);
    const userId: string = session.body.user.id;

    const byId = await api(gw.url, 'GET', '/auth/me', { userId });
    expect(byId.status).toBe(401);
    expect(byId.body.error.code).toBe('login_required');

    const admin = { headers: { authorization: `Bearer ${ADMIN_KEY}` } };
    const log = await api(gw.url, 'GET', `/audit?actor=${userId}&action=auth.*`, admin);
    expect(log.status).toBe(200);
    expect(
      log.body.events.map((e: { action: string; details: { method?: string } }) => [
        e.action,
        e.details.method,
      ]),
    ).toEqual([
      ['auth.login', 'sso'],
      ['auth.register', 'sso'],
    ]);

    const disabled = await api(gw.url, 'PATCH', `/admin/users/${userId}`, {
      ...admin,
      body: { disabled: true },
    });
    expect(disabled.status).toBe(200);
    const refused = await signIn(email, new CookieJar(), 'application/json');
    expect(refused.callback.status).toBe(403);
    expect(JSON.parse(refused.callback.body).error.message).toMatch(/disabled/);
    expect((await exchange(refused.jar)).status).toBe(400);
  });

  it('refuses an email outside OIDC_ALLOWED_DOMAINS with a clear page, or JSON for API clients', async () => {
    const email = `mallory-${run}@other.org`;
    const { jar, callback } = await signIn(email);
    expect(callback.status).toBe(403);
    expect(callback.headers['content-type']).toMatch(/^text\/html/);
    expect(callback.body).toContain(
      `${email} cannot sign in here: other.org is not an allowed domain`,
    );
    expect(callback.body).toContain('href="/sign-in"');
    expect((await exchange(jar)).status).toBe(400);

    const json = await signIn(email, new CookieJar(), 'application/json');
    expect(json.callback.status).toBe(403);
    expect(JSON.parse(json.callback.body).error).toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining('other.org is not an allowed domain'),
    });
    expect(await usersWithEmail(email)).toBe(0);
  });

  it('refuses an email the provider has not verified', async () => {
    const email = `unverified-carol-${run}@example.com`;
    const { callback } = await signIn(email);
    expect(callback.status).toBe(403);
    expect(callback.body).toContain(`The identity provider has not verified ${email}`);
    expect(await usersWithEmail(email)).toBe(0);
  });

  it('answers 400 to a tampered state and to a callback from another browser', async () => {
    const jar = new CookieJar();
    const login = await visit(jar, `${gw.url}/auth/oidc/login`);
    const providerPage = (await follow(jar, login)).last;
    const submitted = await visit(jar, formAction(providerPage), {
      form: { email: `eve-${run}@example.com` },
    });
    const callbackUrl = (await follow(jar, submitted, (n) => n.pathname === '/auth/oidc/callback'))
      .next!;
    expect(callbackUrl.searchParams.get('code')).toBeTruthy();

    const otherBrowser = await visit(new CookieJar(), callbackUrl);
    expect(otherBrowser.status).toBe(400);
    expect(otherBrowser.body).toContain('expired or was started in another browser');

    const tampered = new URL(callbackUrl);
    tampered.searchParams.set('state', 'forged-state-value-0000000000');
    const forged = await visit(jar, tampered, { accept: 'application/json' });
    expect(forged.status).toBe(400);
    expect(JSON.parse(forged.body).error.message).toMatch(/does not belong to this browser/);
    expect(await usersWithEmail(`eve-${run}@example.com`)).toBe(0);
  });

  it("answers each SSO route as the gateway's own API reference documents it", async () => {
    const checker = new AnswerChecker(
      (await fetch(`${gw.url}/openapi.json`).then((r) => r.json())) as OpenApiDocument,
    );
    const check = (route: string, v: Visit) =>
      checker.check(route, v.status, v.body ? JSON.parse(v.body) : undefined);
    const json = 'application/json';

    const { jar, login, callback } = await signIn(`dora-${run}@example.com`, undefined, json);
    check('GET /auth/oidc/login', login);
    check('GET /auth/oidc/callback', callback);
    const session = await visit(jar, `${gw.url}/auth/oidc/exchange`, {
      method: 'POST',
      accept: json,
    });
    check('POST /auth/oidc/exchange', session);
    issuedTokens.push(JSON.parse(session.body).token);
    const spent = await visit(jar, `${gw.url}/auth/oidc/exchange`, {
      method: 'POST',
      accept: json,
    });
    expect(spent.status).toBe(400);
    check('POST /auth/oidc/exchange', spent);

    const refused = await signIn(`mallory-${run}@other.org`, new CookieJar(), json);
    expect(refused.callback.status).toBe(403);
    check('GET /auth/oidc/callback', refused.callback);
    const stale = await visit(new CookieJar(), `${gw.url}/auth/oidc/callback?code=x&state=y`, {
      accept: json,
    });
    expect(stale.status).toBe(400);
    check('GET /auth/oidc/callback', stale);
    expect([...checker.seen].sort()).toEqual([
      'GET /auth/oidc/callback',
      'GET /auth/oidc/login',
      'POST /auth/oidc/exchange',
    ]);
  });

  it('never writes the client secret or a session token to its log', () => {
    expect(issuedTokens).toHaveLength(2);
    for (const secret of [idp.clientSecret, ...issuedTokens])
      expect(gw.output()).not.toContain(secret);
    expect(gw.output()).toContain('Sign-in stopped');
  });
});
