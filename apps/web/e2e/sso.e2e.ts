// Single sign-on in a real browser: the dashboard's sign-in page, a real OpenID Connect provider
// (oidc-provider, its own login page) and back to the gateways page, in headless Chromium.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startApi, type ApiProcess } from './support/api-process';
import { startIdentityProvider, type IdentityProvider } from './support/identity-provider';

const webRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = join(webRoot, '../..');
const webDist = mkdtempSync(join(tmpdir(), 'gateway-web-sso-e2e-'));
const screenshots = join(webRoot, 'screenshots');
const run = String(Date.now()); // digits: the provider capitalises names

let idp: IdentityProvider;
let api: ApiProcess;
let browser: Browser;

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
}

/** From the dashboard's SSO button through the provider's login page, in a fresh browser profile. */
async function signInWithSso(email: string, name: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`${api.baseUrl}/sign-in`);
  await page.getByTestId('sso-sign-in').click();
  await page.getByTestId('idp-login-form').waitFor();
  await shot(page, `${name}-idp-login`);
  await page.getByTestId('idp-email').fill(email);
  await page.getByTestId('idp-submit').click();
  return page;
}

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  await build({
    root: webRoot,
    configFile: join(webRoot, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: webDist, emptyOutDir: true },
  });
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  idp = await startIdentityProvider(repoRoot, `${publicUrl}/auth/oidc/callback`);
  api = await startApi({
    repoRoot,
    webDist,
    port,
    env: {
      SIGNUP_MODE: 'invite',
      PUBLIC_URL: publicUrl,
      OIDC_ISSUER_URL: idp.issuer,
      OIDC_CLIENT_ID: idp.clientId,
      OIDC_CLIENT_SECRET: idp.clientSecret,
      OIDC_ALLOWED_DOMAINS: 'example.com',
      OIDC_DISPLAY_NAME: 'Test IdP',
    },
  });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
});

afterAll(async () => {
  await browser?.close();
  await api?.stop();
  await idp?.stop();
  rmSync(webDist, { recursive: true, force: true });
});

describe('single sign-on in the dashboard', () => {
  it('shows the enabled methods: SSO and password, no anonymous join or registration in invite mode', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${api.baseUrl}/`);
    await page.getByTestId('sso-sign-in').waitFor();
    expect(await page.getByTestId('sso-sign-in').textContent()).toBe('Sign in with Test IdP');
    expect(await page.getByTestId('login-form').isVisible()).toBe(true);
    expect(await page.getByTestId('join-anonymous').count()).toBe(0);
    expect(await page.getByTestId('auth-mode-register').count()).toBe(0);
    await shot(page, '20-sign-in-methods');
    await page.close();
  });

  it('signs a new user in through the identity provider and lands on the gateways page', async () => {
    const page = await signInWithSso(`grace-hopper-${run}@example.com`, '21');
    await page.getByTestId('gateways-page').waitFor();
    expect(new URL(page.url()).pathname).toBe('/gateways');
    expect(await page.getByTestId('current-user').textContent()).toBe(`Grace Hopper ${run}`);
    await page.getByTestId('empty').waitFor();
    await shot(page, '22-sso-gateways');

    // The session is an account token kept by the dashboard, and it works after a reload.
    const stored = await page.evaluate(() => localStorage.getItem('gateway.session'));
    expect(JSON.parse(stored ?? '{}')).toMatchObject({
      kind: 'account',
      token: expect.any(String),
    });
    await page.reload();
    await page.getByTestId('gateways-page').waitFor();
    await page.getByTestId('nav-profile').click();
    expect(await page.getByTestId('profile-email').textContent()).toBe(
      `grace-hopper-${run}@example.com`,
    );
    await page.context().close();
  });

  it('refuses an address outside the allowed domains with a page that leads back to sign-in', async () => {
    const page = await signInWithSso(`mallory-${run}@other.org`, '23');
    await page.getByTestId('sso-error').waitFor();
    expect(await page.getByTestId('sso-error').textContent()).toContain(
      'other.org is not an allowed domain',
    );
    await shot(page, '24-sso-refused');
    await page.getByRole('link', { name: 'Back to sign-in' }).click();
    await page.getByTestId('sso-sign-in').waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await page.context().close();
  });
});
