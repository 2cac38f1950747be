import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiProcess } from './support/api-process';
import { startFakeUpstream, type FakeUpstream } from './support/fake-upstream';

// An invite-only server (the compose settings): an admin signs in with a password, invites someone,
// grants the environment's keys, disables a user and reads the audit log, all in the browser.
const webRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = join(webRoot, '../..');
const webDist = mkdtempSync(join(tmpdir(), 'gateway-web-e2e-admin-'));
const screenshots = join(webRoot, 'screenshots');
const ADMIN_KEY = 'e2e-admin-key-0123456789abcdef';
const PASSWORD = 'correct horse battery';
const stamp = Date.now();
const adminEmail = `admin-${stamp}@example.com`;
const invitedEmail = `invited-${stamp}@example.com`;
const madeEmail = `made-${stamp}@example.com`;
// The database may be shared with other runs: names of this run are unique.
const gatewayName = `invitee gateway ${stamp}`;

let upstream: FakeUpstream;
let api: ApiProcess;
let browser: Browser;
let admin: Page;
let invitee: Page;

async function textOf(page: Page, testId: string): Promise<string> {
  return (await page.getByTestId(testId).first().textContent()) ?? '';
}

async function chat(secret: string): Promise<Response> {
  return fetch(`${api.baseUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'ping' }] }),
  });
}

/** The row of one user on the Admin page. */
const userRow = (email: string) => admin.getByTestId(`admin-user-${email}`);

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  await build({
    root: webRoot,
    configFile: join(webRoot, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: webDist, emptyOutDir: true },
  });
  upstream = await startFakeUpstream();
  api = await startApi({
    repoRoot,
    webDist,
    env: {
      OPENAI_API_KEY: 'test',
      OPENAI_BASE_URL: upstream.baseUrl,
      SIGNUP_MODE: 'invite',
      ENV_PROVIDERS: 'granted',
      ADMIN_API_KEY: ADMIN_KEY,
    },
  });
  const created = await fetch(`${api.baseUrl}/admin/users`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ email: adminEmail, password: PASSWORD, role: 'admin' }),
  });
  expect(created.status).toBe(201);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  // Two people, two browser profiles (separate local storage).
  admin = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  invitee = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  admin.setDefaultTimeout(15_000);
  invitee.setDefaultTimeout(15_000);
});

afterAll(async () => {
  await browser?.close();
  await api?.stop();
  await upstream?.close();
  rmSync(webDist, { recursive: true, force: true });
});

describe('admin and audit pages', () => {
  let inviteLink = '';
  let secret = '';

  it('signs the admin in with a password and shows the Admin page', async () => {
    await admin.goto(`${api.baseUrl}/sign-in`);
    const login = admin.getByTestId('login-form');
    await login.locator('input[name=email]').fill(adminEmail);
    await login.locator('input[name=password]').fill(PASSWORD);
    await login.getByRole('button').click();
    await admin.getByTestId('gateways-page').waitFor();
    await admin.getByTestId('nav-admin').click();
    await admin.getByTestId('admin-page').waitFor();
    await admin.getByTestId('user-search').fill(String(stamp));
    expect(await textOf(admin, 'admin-status')).toMatch(
      /Sign-up: invite.*environment keys: granted/,
    );
    await userRow(adminEmail).waitFor();
  });

  it('creates a user from the form', async () => {
    await admin.getByTestId('user-email').fill(madeEmail);
    await admin.getByTestId('user-password').fill(PASSWORD);
    await admin.getByTestId('user-create-submit').click();
    await userRow(madeEmail).waitFor();
    expect(await userRow(madeEmail).getByTestId('user-grant').textContent()).toBe('not granted');
  });

  it('invites someone who then creates an account from the link', async () => {
    await admin.getByTestId('invite-email').fill(invitedEmail);
    await admin.getByTestId('invite-create').click();
    inviteLink = (await textOf(admin, 'invite-link')).trim();
    expect(inviteLink).toContain('/sign-in?invite=inv-');
    await admin.screenshot({ path: join(screenshots, 'admin-01-page.png') });

    await invitee.goto(inviteLink);
    const form = invitee.getByTestId('register-form');
    await form.locator('input[name=email]').fill(invitedEmail);
    await form.locator('input[name=password]').fill(PASSWORD);
    await form.getByRole('button').click();
    await invitee.getByTestId('gateways-page').waitFor();
    expect(await invitee.getByTestId('nav-admin').count()).toBe(0);
  });

  it('refuses the environment’s keys to the invitee until the admin grants them', async () => {
    await invitee.getByTestId('gateway-name-input').fill(gatewayName);
    await invitee.getByTestId('gateway-create').click();
    await invitee.getByTestId('settings-page').waitFor();
    await invitee.getByTestId('secret-reveal').click();
    secret = (await textOf(invitee, 'secret')).trim();
    const refused = await chat(secret);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(
      /ENV_PROVIDERS/,
    );

    await admin.reload();
    await admin.getByTestId('user-search').fill(String(stamp));
    await userRow(invitedEmail).getByTestId('user-grant-toggle').click();
    await expect
      .poll(() => userRow(invitedEmail).getByTestId('user-grant').textContent())
      .toBe('granted');
    expect((await chat(secret)).status).toBe(200);
  });

  it('disables a user: their gateway stops serving', async () => {
    await userRow(invitedEmail).getByTestId('user-disable-toggle').click();
    await expect
      .poll(() => userRow(invitedEmail).getByTestId('user-status').textContent())
      .toBe('disabled');
    expect((await chat(secret)).status).toBe(403);
  });

  it('shows every change in the audit log, filtered by action family', async () => {
    await admin.getByTestId('nav-audit').click();
    await admin.getByTestId('audit-page').waitFor();
    const actions = async () =>
      admin
        .getByTestId('audit-event')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
    await expect
      .poll(actions)
      .toEqual(
        expect.arrayContaining([
          'user.update',
          'env_grant.grant',
          'gateway.secret_reveal',
          'gateway.create',
          'auth.register',
          'invite.create',
          'user.create',
          'auth.login',
        ]),
      );
    await admin.screenshot({ path: join(screenshots, 'admin-02-audit.png') });

    await admin.getByTestId('audit-action').selectOption('env_grant.*');
    await admin.getByTestId('audit-actor').fill(adminEmail);
    await admin.getByTestId('audit-filter').click();
    await expect.poll(actions).toEqual(['env_grant.grant']);
    expect(await textOf(admin, 'audit-events')).toContain(adminEmail);
  });

  it('shows a gateway’s own audit tab', async () => {
    await invitee.getByTestId('tab-audit').click();
    await invitee.getByTestId('audit-page').waitFor();
    // The invitee was disabled meanwhile: the page says so instead of showing the log.
    await invitee
      .getByText(/disabled|log in/i)
      .first()
      .waitFor();
    // The admin opens it from the Admin page's list of every gateway.
    await admin.getByTestId('nav-admin').click();
    await admin.getByTestId('admin-gateways').getByText(gatewayName).click();
    await admin.getByTestId('gateway-title').getByText(gatewayName).waitFor();
    await admin.getByTestId('tab-audit').click();
    await admin.getByTestId('audit-page').waitFor();
    await expect
      .poll(() =>
        admin
          .getByTestId('audit-event')
          .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action'))),
      )
      .toEqual(expect.arrayContaining(['gateway.secret_reveal', 'gateway.create']));
    // Oldest last: the gateway's trail starts with its creation (each Settings visit reveals the secret).
    const trail = await admin
      .getByTestId('audit-event')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
    expect(trail.at(-1)).toBe('gateway.create');
    expect(new Set(trail)).toEqual(new Set(['gateway.secret_reveal', 'gateway.create']));
  });
});
