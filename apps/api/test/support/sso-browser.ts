// A browser going through single sign-on against the test identity provider (oidc-test-provider.mjs):
// cookies kept per host, redirects followed, the provider's login form filled with an email.
import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { CookieJar, follow, visit, type Visit } from './cookie-jar';

/** An account that exists before single sign-on (as a password sign-up leaves it): its id. */
export async function insertAccount(db: Client, username: string, email: string): Promise<string> {
  const id = randomUUID();
  await db.query('INSERT INTO users (id, username, email) VALUES ($1, $2, $3)', [
    id,
    username,
    email,
  ]);
  return id;
}

/** The provider's login form: its action, from the page the redirect chain ended on. */
export function formAction(page: Visit): URL {
  const action = /<form[^>]*action="([^"]+)"/.exec(page.body)?.[1];
  if (!action) throw new Error(`no login form (${page.status}):\n${page.body.slice(0, 500)}`);
  return new URL(action, page.url);
}

/** From the dashboard's button to the provider's redirect back: the callback URL, not yet visited. */
export async function reachCallback(gatewayUrl: string, email: string, jar = new CookieJar()) {
  const login = await visit(jar, `${gatewayUrl}/auth/oidc/login`);
  const providerPage = (await follow(jar, login)).last;
  if (providerPage.status !== 200)
    throw new Error(`provider page ${providerPage.status}:\n${providerPage.body.slice(0, 500)}`);
  const submitted = await visit(jar, formAction(providerPage), { form: { email } });
  const toCallback = await follow(
    jar,
    submitted,
    (next) => next.pathname === '/auth/oidc/callback',
  );
  if (!toCallback.next)
    throw new Error(`no redirect to the callback: ${toCallback.chain.join(' → ')}`);
  return { jar, login, callbackUrl: toCallback.next };
}

/** Sign-in from the dashboard's button to the provider's answer, as a browser would go through it. */
export async function signInWithSso(
  gatewayUrl: string,
  email: string,
  jar = new CookieJar(),
  callbackAccept?: string,
) {
  const { login, callbackUrl } = await reachCallback(gatewayUrl, email, jar);
  const callback = await visit(jar, callbackUrl, callbackAccept ? { accept: callbackAccept } : {});
  return { jar, login, callback };
}

/** The dashboard reading the session the callback opened. */
export async function exchangeSso(
  gatewayUrl: string,
  jar: CookieJar,
): Promise<{ status: number; body: any }> {
  const res = await visit(jar, `${gatewayUrl}/auth/oidc/exchange`, {
    method: 'POST',
    accept: 'application/json',
  });
  return { status: res.status, body: JSON.parse(res.body) };
}
