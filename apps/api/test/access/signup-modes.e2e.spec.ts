import type { RunningServer } from '../../src/server';
import { api, startTestApp } from '../support/test-app';
import { ADMIN_KEY, PASSWORD, asAdmin, bearer, createUser, email, sleep } from './access-harness';

describe('SIGNUP_MODE=closed', () => {
  let app: RunningServer;

  beforeAll(async () => {
    app = await startTestApp({ SIGNUP_MODE: 'closed', ADMIN_API_KEY: ADMIN_KEY });
  });
  afterAll(() => app?.close());

  it('refuses anonymous join and registration with a JSON 403', async () => {
    const join = await api(app.url, 'POST', '/auth/join');
    expect(join.status).toBe(403);
    expect(join.body.error).toMatchObject({ code: 'forbidden' });
    expect(join.body.error.message).toMatch(/SIGNUP_MODE=closed/);

    const register = await api(app.url, 'POST', '/auth/register', {
      body: { email: email('stranger'), password: PASSWORD },
    });
    expect(register.status).toBe(403);
    expect(register.body.error.message).toMatch(/SIGNUP_MODE=closed/);
  });

  it('lets the admin key create users (201) who can then log in', async () => {
    const address = email('made');
    const created = await api(app.url, 'POST', '/admin/users', {
      headers: asAdmin,
      body: { email: address, password: PASSWORD },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: address, role: 'user', disabled_at: null });
    const login = await api(app.url, 'POST', '/auth/login', {
      body: { email: address, password: PASSWORD },
    });
    expect(login.status).toBe(200);
    expect(login.body.user).toEqual({
      id: created.body.id,
      username: expect.any(String),
      email: address,
      role: 'user',
    });
  });

  it('gives a user with role admin the admin API; ordinary users get 403, nobody 401', async () => {
    const admin = await createUser(app.url, { role: 'admin' });
    const user = await createUser(app.url);
    const byAdmin = await api(app.url, 'POST', '/admin/users', {
      headers: bearer(admin.token),
      body: { email: email('by-admin'), password: PASSWORD },
    });
    expect(byAdmin.status).toBe(201);
    const list = await api(app.url, 'GET', '/admin/users', { headers: bearer(admin.token) });
    expect(list.status).toBe(200);
    expect(list.body.users.map((u: { id: string }) => u.id)).toEqual(
      expect.arrayContaining([admin.id, user.id, byAdmin.body.id]),
    );
    const refused = await api(app.url, 'GET', '/admin/users', { headers: bearer(user.token) });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/administrators/);
    expect((await api(app.url, 'GET', '/admin/users')).status).toBe(401);
    const wrongKey = await api(app.url, 'GET', '/admin/users', {
      headers: bearer('not-the-admin-key-0000000000'),
    });
    expect(wrongKey.status).toBe(401);
    // Never in a URL: query strings end up in logs.
    const inQuery = await api(app.url, 'GET', `/admin/users?token=${ADMIN_KEY}`);
    expect(inQuery.status).toBe(401);
  });

  it('rejects a duplicate email (409) and a bad role (400)', async () => {
    const { email: taken } = await createUser(app.url);
    const dup = await api(app.url, 'POST', '/admin/users', {
      headers: asAdmin,
      body: { email: taken, password: PASSWORD },
    });
    expect(dup.status).toBe(409);
    const bad = await api(app.url, 'POST', '/admin/users', {
      headers: asAdmin,
      body: { email: email('x'), password: PASSWORD, role: 'root' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^role/);
  });

  it('creates gateways with the admin key, owned by the operator and listed for admins', async () => {
    const created = await api(app.url, 'POST', '/gateway/create', {
      headers: asAdmin,
      body: { name: 'ops' },
    });
    expect(created.status).toBe(200);
    const user = await createUser(app.url);
    const own = await api(app.url, 'POST', '/gateway/create', {
      headers: bearer(user.token),
      body: { name: 'mine' },
    });
    const all = await api(app.url, 'GET', '/admin/gateways', { headers: asAdmin });
    expect(all.status).toBe(200);
    const byId = new Map(all.body.gateways.map((g: { id: string }) => [g.id, g]));
    expect(byId.get(created.body.gateway_id)).toMatchObject({
      name: 'ops',
      owner: { username: 'operator' },
      env_allowed: true,
    });
    expect(byId.get(own.body.gateway_id)).toMatchObject({
      name: 'mine',
      owner: { id: user.id, email: user.email, disabled: false },
    });
    // The operator may open any gateway, as its owner can.
    const creds = await api(app.url, 'GET', `/gateway/${own.body.gateway_id}/credentials`, {
      headers: asAdmin,
    });
    expect(creds.status).toBe(200);
    expect(creds.body.secret).toBe(own.body.secret);
    const stranger = await createUser(app.url);
    const hidden = await api(app.url, 'GET', `/gateway/${own.body.gateway_id}/credentials`, {
      headers: bearer(stranger.token),
    });
    expect(hidden.status).toBe(404);
  });

  it('reports the access settings on /admin/status', async () => {
    const status = await api(app.url, 'GET', '/admin/status', { headers: asAdmin });
    expect(status.body).toEqual({
      signup_mode: 'closed',
      env_providers: 'granted',
      admin_key_configured: true,
    });
  });
});

describe('SIGNUP_MODE=invite', () => {
  let app: RunningServer;

  beforeAll(async () => {
    app = await startTestApp({ SIGNUP_MODE: 'invite', ADMIN_API_KEY: ADMIN_KEY });
  });
  afterAll(() => app?.close());

  async function invite(body: Record<string, unknown> = {}) {
    const res = await api(app.url, 'POST', '/admin/invites', { headers: asAdmin, body });
    expect(res.status).toBe(201);
    return res.body as { id: string; token: string; expires_at: string };
  }

  function register(address: string, inviteToken?: string) {
    return api(app.url, 'POST', '/auth/register', {
      body: { email: address, password: PASSWORD, invite_token: inviteToken },
    });
  }

  it('refuses anonymous join and registration without an invitation', async () => {
    const join = await api(app.url, 'POST', '/auth/join');
    expect(join.status).toBe(403);
    expect(join.body.error.message).toMatch(/SIGNUP_MODE=invite/);
    const res = await register(email('uninvited'));
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/invite_token/);
  });

  it('registers once per token (201), then refuses the same token (403)', async () => {
    const created = await invite();
    expect(Object.keys(created).sort()).toEqual(['expires_at', 'id', 'token']);
    expect(Date.parse(created.expires_at)).toBeGreaterThan(Date.now() + 71 * 3_600_000);
    const first = await register(email('invited'), created.token);
    expect(first.status).toBe(201);
    expect(first.body.user.role).toBe('user');
    expect(typeof first.body.token).toBe('string');
    const me = await api(app.url, 'GET', '/auth/me', { headers: bearer(first.body.token) });
    expect(me.body.email).toBe(first.body.user.email);

    const again = await register(email('second'), created.token);
    expect(again.status).toBe(403);
    expect(again.body.error.message).toMatch(/invitation is not valid/);
  });

  it('refuses an unknown, an expired, a revoked token and one for another email', async () => {
    expect((await register(email('x'), 'inv-made-up-token')).status).toBe(403);

    const short = await invite({ expires_in_hours: 0.0002 }); // 0.72 s
    await sleep(1_000);
    expect((await register(email('late'), short.token)).status).toBe(403);

    const revoked = await invite();
    const del = await api(app.url, 'DELETE', `/admin/invites/${revoked.id}`, { headers: asAdmin });
    expect(del.status).toBe(204);
    expect((await register(email('revoked'), revoked.token)).status).toBe(403);

    const address = email('named');
    const named = await invite({ email: address });
    expect((await register(email('other'), named.token)).status).toBe(403);
    expect((await register(address, named.token)).status).toBe(201);
  });

  it('keeps a token usable when the registration fails for another reason', async () => {
    const { email: taken } = await createUser(app.url);
    const created = await invite();
    const dup = await register(taken, created.token);
    expect(dup.status).toBe(409);
    expect((await register(email('retry'), created.token)).status).toBe(201);
  });

  it('invites an admin with role admin, and lists only open invites', async () => {
    const created = await invite({ role: 'admin', expires_in_hours: 1 });
    const listed = await api(app.url, 'GET', '/admin/invites', { headers: asAdmin });
    expect(listed.body.invites.map((i: { id: string }) => i.id)).toContain(created.id);
    expect(JSON.stringify(listed.body)).not.toContain(created.token);
    const res = await register(email('new-admin'), created.token);
    expect(res.status).toBe(201);
    expect(res.body.user.role).toBe('admin');
    const users = await api(app.url, 'GET', '/admin/users', { headers: bearer(res.body.token) });
    expect(users.status).toBe(200);
    const after = await api(app.url, 'GET', '/admin/invites', { headers: asAdmin });
    expect(after.body.invites.map((i: { id: string }) => i.id)).not.toContain(created.id);
  });

  it('accepts x-user-id only in open mode: here an anonymous id must log in', async () => {
    const created = await api(app.url, 'POST', '/gateway/create', {
      userId: '6f1c1d6e-0000-4000-8000-000000000000',
      body: { name: 'x' },
    });
    expect(created.status).toBe(401);
  });
});
