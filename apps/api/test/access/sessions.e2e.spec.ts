import OpenAI from 'openai';
import type { RunningServer } from '../../src/server';
import { FakeProviders } from '../support/fake-providers';
import { api, startTestApp } from '../support/test-app';
import {
  ADMIN_KEY,
  PASSWORD,
  asAdmin,
  bearer,
  createUser,
  email,
  sleep,
  sql,
} from './access-harness';

describe('sessions and x-user-id (SIGNUP_MODE=open)', () => {
  let app: RunningServer;
  let providers: FakeProviders;

  beforeAll(async () => {
    providers = await new FakeProviders().start();
    app = await startTestApp({ ADMIN_API_KEY: ADMIN_KEY, ...providers.env() });
  });
  afterAll(async () => {
    await app?.close();
    await providers?.stop();
  });

  async function login(address: string) {
    const res = await api(app.url, 'POST', '/auth/login', {
      body: { email: address, password: PASSWORD },
    });
    expect(res.status).toBe(200);
    return res.body.token as string;
  }

  it('keeps anonymous join and x-user-id working, as the original API defines them', async () => {
    const join = await api(app.url, 'POST', '/auth/join');
    expect(join.status).toBe(200);
    const me = await api(app.url, 'GET', '/auth/me', { userId: join.body.id });
    expect(me.body).toEqual({ ...join.body, email: null, role: 'user' });
  });

  it('retires x-user-id once the user has a password: 401 login_required, the session works', async () => {
    const userId = (await api(app.url, 'POST', '/auth/join')).body.id;
    const gw = await api(app.url, 'POST', '/gateway/create', { userId, body: { name: 'kept' } });
    const address = email('upgraded');
    const upgraded = await api(app.url, 'POST', '/auth/upgrade', {
      userId,
      body: { email: address, password: PASSWORD },
    });
    expect(upgraded.status).toBe(200);

    const old = await api(app.url, 'GET', '/gateway/list', { userId });
    expect(old.status).toBe(401);
    expect(old.body.error).toEqual({
      message: expect.stringMatching(/log in/),
      type: 'login_required',
      code: 'login_required',
    });
    const list = await api(app.url, 'GET', '/gateway/list', {
      headers: bearer(upgraded.body.token),
    });
    expect(list.body.gateways.map((g: { id: string }) => g.id)).toEqual([gw.body.gateway_id]);
  });

  it('refuses x-user-id for a registered account too', async () => {
    const registered = await api(app.url, 'POST', '/auth/register', {
      body: { email: email('reg'), password: PASSWORD },
    });
    expect(registered.status).toBe(201);
    const res = await api(app.url, 'GET', '/auth/me', { userId: registered.body.user.id });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('login_required');
  });

  it('stores session tokens only hashed', async () => {
    const user = await createUser(app.url);
    const rows = await sql('SELECT token_hash FROM sessions WHERE user_id = $1', [user.id]);
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toContain(user.token);
  });

  it('lists sessions, ends one, and logs out everywhere', async () => {
    const user = await createUser(app.url);
    const second = await login(user.email);
    const listed = await api(app.url, 'GET', '/auth/sessions', { headers: bearer(second) });
    expect(listed.status).toBe(200);
    expect(listed.body.sessions).toHaveLength(2);
    expect(listed.body.sessions.filter((s: { current: boolean }) => s.current)).toHaveLength(1);

    const third = await login(user.email);
    const current = (
      await api(app.url, 'GET', '/auth/sessions', { headers: bearer(third) })
    ).body.sessions.find((s: { current: boolean }) => s.current);
    const revoke = await api(app.url, 'DELETE', `/auth/sessions/${current.id}`, {
      headers: bearer(second),
    });
    expect(revoke.status).toBe(204);
    expect((await api(app.url, 'GET', '/auth/me', { headers: bearer(third) })).status).toBe(401);

    const all = await api(app.url, 'POST', '/auth/logout-all', { headers: bearer(second) });
    expect(all.status).toBe(200);
    expect(all.body).toEqual({ sessions_ended: 2 });
    for (const token of [user.token, second]) {
      const res = await api(app.url, 'GET', '/auth/me', { headers: bearer(token) });
      expect(res.status).toBe(401);
      expect(res.body.error.message).toMatch(/log in again/);
    }
    // Logging in again works after logging out everywhere.
    expect(await login(user.email)).toEqual(expect.any(String));
  });

  it('ends this session on logout and leaves the others', async () => {
    const user = await createUser(app.url);
    const other = await login(user.email);
    expect(
      (await api(app.url, 'POST', '/auth/logout', { headers: bearer(user.token) })).status,
    ).toBe(204);
    expect((await api(app.url, 'GET', '/auth/me', { headers: bearer(user.token) })).status).toBe(
      401,
    );
    expect((await api(app.url, 'GET', '/auth/me', { headers: bearer(other) })).status).toBe(200);
  });

  it('disables a user: sessions end, login and x-user-id stop, gateways stop serving', async () => {
    const user = await createUser(app.url);
    const gw = (
      await api(app.url, 'POST', '/gateway/create', {
        headers: bearer(user.token),
        body: { name: 'to-disable' },
      })
    ).body;
    const anon = (await api(app.url, 'POST', '/auth/join')).body.id;
    const client = new OpenAI({ baseURL: `${app.url}/v1`, apiKey: gw.secret, maxRetries: 0 });
    const ask = () =>
      client.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'hi' }],
      });
    expect((await ask()).choices[0].message.content).toBe('Hello from openai');

    for (const id of [user.id, anon]) {
      const res = await api(app.url, 'PATCH', `/admin/users/${id}`, {
        headers: asAdmin,
        body: { disabled: true },
      });
      expect(res.status).toBe(200);
      expect(res.body.disabled_at).toEqual(expect.any(String));
    }
    expect((await api(app.url, 'GET', '/auth/me', { headers: bearer(user.token) })).status).toBe(
      401,
    );
    const login = await api(app.url, 'POST', '/auth/login', {
      body: { email: user.email, password: PASSWORD },
    });
    expect(login.status).toBe(403);
    expect(login.body.error.message).toMatch(/disabled/);
    expect((await api(app.url, 'GET', '/auth/me', { userId: anon })).status).toBe(403);

    const refused = await ask().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect((refused as InstanceType<typeof OpenAI.APIError>).status).toBe(403);
    expect((refused as Error).message).toMatch(/owner is disabled/);

    const enabled = await api(app.url, 'PATCH', `/admin/users/${user.id}`, {
      headers: asAdmin,
      body: { disabled: false },
    });
    expect(enabled.body.disabled_at).toBeNull();
    expect((await ask()).choices[0].message.content).toBe('Hello from openai');
  });

  it('promotes a user to admin and back, and stops admins from locking themselves out', async () => {
    const user = await createUser(app.url);
    const promoted = await api(app.url, 'PATCH', `/admin/users/${user.id}`, {
      headers: asAdmin,
      body: { role: 'admin' },
    });
    expect(promoted.body.role).toBe('admin');
    expect(
      (await api(app.url, 'GET', '/admin/users', { headers: bearer(user.token) })).status,
    ).toBe(200);
    const self = await api(app.url, 'PATCH', `/admin/users/${user.id}`, {
      headers: bearer(user.token),
      body: { disabled: true },
    });
    expect(self.status).toBe(400);
    await api(app.url, 'PATCH', `/admin/users/${user.id}`, {
      headers: asAdmin,
      body: { role: 'user' },
    });
    expect(
      (await api(app.url, 'GET', '/admin/users', { headers: bearer(user.token) })).status,
    ).toBe(403);
  });
});

describe('session expiry (SESSION_TTL_HOURS)', () => {
  let app: RunningServer;

  beforeAll(async () => {
    // 0.0004 h = 1.44 s after the last use.
    app = await startTestApp({ ADMIN_API_KEY: ADMIN_KEY, SESSION_TTL_HOURS: '0.0004' });
  });
  afterAll(() => app?.close());

  it('expires a session left unused past the TTL', async () => {
    const user = await createUser(app.url);
    expect((await api(app.url, 'GET', '/auth/me', { headers: bearer(user.token) })).status).toBe(
      200,
    );
    await sleep(2_000);
    const res = await api(app.url, 'GET', '/auth/me', { headers: bearer(user.token) });
    expect(res.status).toBe(401);
    expect(res.body.error.message).toMatch(/expired/);
  });
});
