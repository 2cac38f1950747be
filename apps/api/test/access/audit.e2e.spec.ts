import type { RunningServer } from '../../src/server';
import { api, startTestApp } from '../support/test-app';
import { ADMIN_KEY, PASSWORD, asAdmin, bearer, createUser, email, sql } from './access-harness';

const PROVIDER_KEY = 'sk-audit-provider-secret-1234';
const NEW_PROVIDER_KEY = 'sk-audit-provider-rotated-9876';
const PROXY_PASSWORD = 'proxy-pw-secret';

describe('audit log', () => {
  let app: RunningServer;
  let owner: { id: string; email: string; token: string };
  let gatewayId: string;
  const secrets: string[] = [PROVIDER_KEY, NEW_PROVIDER_KEY, PROXY_PASSWORD, PASSWORD];

  const as = (token: string) => ({ headers: bearer(token) });

  /** The gateway's events of one action, newest first, as the owner reads them. */
  async function events(action: string) {
    const res = await api(
      app.url,
      'GET',
      `/gateway/${gatewayId}/audit?action=${action}`,
      as(owner.token),
    );
    expect(res.status).toBe(200);
    return res.body.events as any[];
  }

  beforeAll(async () => {
    app = await startTestApp({ ADMIN_API_KEY: ADMIN_KEY });
    owner = await createUser(app.url);
    secrets.push(owner.token);
    const gw = await api(app.url, 'POST', '/gateway/create', {
      ...as(owner.token),
      body: { name: 'audited' },
    });
    gatewayId = gw.body.gateway_id;
    secrets.push(gw.body.secret);

    // One of each management change on the gateway.
    await api(app.url, 'PATCH', `/gateway/${gatewayId}`, {
      ...as(owner.token),
      body: { name: 'renamed' },
    });
    await api(app.url, 'PATCH', `/gateway/${gatewayId}/settings`, {
      ...as(owner.token),
      body: { log_bodies: true },
    });
    await api(app.url, 'GET', `/gateway/${gatewayId}/credentials`, as(owner.token));
    const regen = await api(app.url, 'POST', `/gateway/${gatewayId}/regenerate`, as(owner.token));
    secrets.push(regen.body.secret);
    const provider = await api(app.url, 'POST', `/gateway/${gatewayId}/providers`, {
      ...as(owner.token),
      body: {
        provider: 'openai',
        api_key: PROVIDER_KEY,
        proxy_url: `http://user:${PROXY_PASSWORD}@127.0.0.1:3128`,
        priority: 1,
      },
    });
    expect(provider.status).toBe(201);
    await api(app.url, 'PATCH', `/gateway/${gatewayId}/providers/${provider.body.id}`, {
      ...as(owner.token),
      body: { api_key: NEW_PROVIDER_KEY, priority: 5 },
    });
    await api(
      app.url,
      'DELETE',
      `/gateway/${gatewayId}/providers/${provider.body.id}`,
      as(owner.token),
    );
    const key = await api(app.url, 'POST', `/gateway/${gatewayId}/keys`, {
      ...as(owner.token),
      body: { name: 'ci', limits: { rpm: 10 } },
    });
    expect(key.status).toBe(201);
    secrets.push(key.body.key);
    await api(app.url, 'PATCH', `/gateway/${gatewayId}/keys/${key.body.id}`, {
      ...as(owner.token),
      body: { limits: { rpm: 20 } },
    });
    await api(app.url, 'DELETE', `/gateway/${gatewayId}/keys/${key.body.id}`, as(owner.token));
    await api(app.url, 'PUT', `/gateway/${gatewayId}/routing`, {
      ...as(owner.token),
      body: { strategy: 'round_robin' },
    });
  });
  afterAll(() => app?.close());

  it('records gateway changes with actor, time and client address', async () => {
    const [created] = await events('gateway.create');
    expect(created).toMatchObject({
      action: 'gateway.create',
      actor: { type: 'user', id: owner.id, label: owner.email },
      target: { type: 'gateway', id: gatewayId },
      gateway_id: gatewayId,
      details: { name: 'audited' },
      ip: expect.stringMatching(/127\.0\.0\.1/),
    });
    expect(Date.now() - Date.parse(created.at)).toBeLessThan(3_600_000);
    const [renamed] = await events('gateway.rename');
    expect(renamed.details).toEqual({ old: { name: 'audited' }, new: { name: 'renamed' } });
    const [settings] = await events('gateway.settings_update');
    expect(settings.details).toEqual({ old: { log_bodies: false }, new: { log_bodies: true } });
    expect(await events('gateway.secret_reveal')).toHaveLength(1);
    expect(await events('gateway.secret_regenerate')).toHaveLength(1);
  });

  it('records provider and key changes with old and new values, keys only as their last 4', async () => {
    const [created] = await events('provider.create');
    expect(created.details.new).toMatchObject({
      provider: 'openai',
      key_last4: '1234',
      priority: 1,
    });
    const [updated] = await events('provider.update');
    expect(updated.details).toEqual({
      old: { key_last4: '1234', priority: 1 },
      new: { key_last4: '9876', priority: 5 },
    });
    const [deleted] = await events('provider.delete');
    expect(deleted.details.old).toMatchObject({ key_last4: '9876', priority: 5 });

    const [keyCreated] = await events('key.create');
    expect(keyCreated.details.new).toMatchObject({ name: 'ci', limits: { rpm: 10 } });
    const [keyUpdated] = await events('key.update');
    expect(keyUpdated.details).toEqual({
      old: { limits: { rpm: 10 } },
      new: { limits: { rpm: 20 } },
    });
    expect(await events('key.delete')).toHaveLength(1);
    const [routing] = await events('routing.update');
    expect(routing.details).toEqual({
      old: { strategy: 'priority' },
      new: { strategy: 'round_robin' },
    });
  });

  it('never stores a secret: gateway secrets, keys, provider keys, proxy passwords, passwords, tokens', async () => {
    const rows = await sql('SELECT * FROM audit_events');
    const stored = JSON.stringify(rows);
    for (const secret of secrets) expect(stored).not.toContain(secret);
  });

  it('records logins, failed logins, registrations and logouts', async () => {
    const address = email('audited-login');
    const registered = await api(app.url, 'POST', '/auth/register', {
      body: { email: address, password: PASSWORD },
    });
    await api(app.url, 'POST', '/auth/login', {
      body: { email: address, password: 'wrong password' },
    });
    await api(app.url, 'POST', '/auth/login', { body: { email: address, password: PASSWORD } });
    await api(app.url, 'POST', '/auth/logout', as(registered.body.token));
    const anon = (await api(app.url, 'POST', '/auth/join')).body.id;
    await api(app.url, 'POST', '/auth/upgrade', {
      userId: anon,
      body: { email: email('audited-upgrade'), password: PASSWORD },
    });

    const page = await api(app.url, 'GET', `/audit?actor=${registered.body.user.id}`, {
      headers: asAdmin,
    });
    expect(page.body.events.map((e: { action: string }) => e.action)).toEqual([
      'auth.logout',
      'auth.login',
      'auth.register',
    ]);
    const failed = await api(app.url, 'GET', '/audit?action=auth.login_failed&limit=500', {
      headers: asAdmin,
    });
    // Other suites share the database: pick this address's failure.
    expect(failed.body.events.filter((e: any) => e.details.email === address)).toEqual([
      expect.objectContaining({
        actor: { type: 'anonymous', id: null, label: null },
        target: { type: 'user', id: registered.body.user.id },
      }),
    ]);
    const joined = await api(app.url, 'GET', `/audit?actor=${anon}`, { headers: asAdmin });
    expect(joined.body.events.map((e: { action: string }) => e.action)).toEqual([
      'auth.upgrade',
      'auth.join',
    ]);
  });

  it('records admin actions as the admin key: users, invites, grants', async () => {
    const user = await createUser(app.url);
    await api(app.url, 'PATCH', `/admin/users/${user.id}`, {
      headers: asAdmin,
      body: { role: 'admin' },
    });
    await api(app.url, 'PUT', `/admin/users/${user.id}/env-grant`, { headers: asAdmin });
    await api(app.url, 'DELETE', `/admin/users/${user.id}/env-grant`, { headers: asAdmin });
    const invite = await api(app.url, 'POST', '/admin/invites', { headers: asAdmin, body: {} });
    await api(app.url, 'DELETE', `/admin/invites/${invite.body.id}`, { headers: asAdmin });

    const page = await api(app.url, 'GET', '/audit?actor=admin_key&limit=500', {
      headers: asAdmin,
    });
    // Other suites share the database: keep this test's targets.
    const mine = page.body.events.filter((e: any) =>
      [user.id, invite.body.id].includes(e.target.id),
    );
    expect(mine.map((e: { action: string }) => e.action)).toEqual([
      'invite.revoke',
      'invite.create',
      'env_grant.revoke',
      'env_grant.grant',
      'user.update',
      'user.create',
    ]);
    expect(mine.slice(2).map((e: any) => e.actor)).toEqual(
      Array(4).fill({ type: 'admin_key', id: expect.any(String), label: 'ADMIN_API_KEY' }),
    );
    expect(mine[4].details).toEqual({
      email: user.email,
      old: { role: 'user' },
      new: { role: 'admin' },
    });
    expect(mine[3].details).toEqual({ email: user.email });
    expect(JSON.stringify(page.body)).not.toContain(invite.body.token);
  });

  it('filters by action family and time, and pages with a cursor', async () => {
    const family = await api(app.url, 'GET', `/audit?gateway_id=${gatewayId}&action=provider.*`, {
      headers: asAdmin,
    });
    expect(family.body.events.map((e: { action: string }) => e.action)).toEqual([
      'provider.delete',
      'provider.update',
      'provider.create',
    ]);
    const future = await api(
      app.url,
      'GET',
      `/audit?from=${new Date(Date.now() + 60_000).toISOString()}`,
      {
        headers: asAdmin,
      },
    );
    expect(future.body).toEqual({ events: [], next_cursor: null });

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { events: { id: string }[]; next_cursor: string | null } } = await api(
        app.url,
        'GET',
        `/gateway/${gatewayId}/audit?limit=4${cursor ? `&cursor=${cursor}` : ''}`,
        as(owner.token),
      );
      seen.push(...res.body.events.map((e) => e.id));
      cursor = res.body.next_cursor;
    } while (cursor);
    const all = await api(app.url, 'GET', `/gateway/${gatewayId}/audit?limit=500`, as(owner.token));
    expect(seen).toEqual(all.body.events.map((e: { id: string }) => e.id));
    expect(seen.length).toBeGreaterThan(8);
  });

  it('shows a gateway’s log to its owner only; the full log to admins only', async () => {
    const stranger = await createUser(app.url);
    expect(
      (await api(app.url, 'GET', `/gateway/${gatewayId}/audit`, as(stranger.token))).status,
    ).toBe(404);
    expect((await api(app.url, 'GET', '/audit', as(owner.token))).status).toBe(403);
    const bad = await api(app.url, 'GET', '/audit?action=DROP TABLE', { headers: asAdmin });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^action/);
  });

  it('answers hostile input on the admin, session and audit routes with a 4xx, never a 5xx', async () => {
    const cases: [string, string, unknown?][] = [
      ['GET', '/audit?from=-271821-04-20T00:00:00Z'],
      ['GET', '/audit?cursor=99999999999999999999'],
      ['GET', '/audit?actor=%00'],
      ['GET', '/audit?action=a&action=b'],
      ['GET', '/admin/gateways?owner_id=nope'],
      ['PATCH', '/admin/users/not-a-uuid', { disabled: true }],
      ['PATCH', '/admin/users/00000000-0000-4000-8000-000000000001', { disabled: true }],
      ['PUT', '/admin/users/00000000-0000-4000-8000-00000000ffff/env-grant'],
      ['DELETE', '/admin/invites/%F0'],
      ['POST', '/admin/invites', { expires_in_hours: -1 }],
      ['POST', '/admin/users', { email: 'a@b.co', password: 'x'.repeat(8), role: 'admin', x: 1 }],
      ['DELETE', '/auth/sessions/not-a-uuid'],
    ];
    for (const [method, path, body] of cases) {
      const res = await api(app.url, method, path, { headers: asAdmin, body });
      expect([method, path, res.status >= 400 && res.status < 500]).toEqual([method, path, true]);
    }
    // LIKE wildcards are searched for literally.
    const q = await api(app.url, 'GET', '/admin/users?q=%25_%5C', { headers: asAdmin });
    expect(q.status).toBe(200);
    expect(q.body.users).toEqual([]);
  });

  it('keeps a deleted gateway’s trail, ending with its deletion', async () => {
    await api(app.url, 'DELETE', `/gateway/${gatewayId}`, as(owner.token));
    const page = await api(app.url, 'GET', `/audit?gateway_id=${gatewayId}&limit=1`, {
      headers: asAdmin,
    });
    expect(page.body.events[0]).toMatchObject({
      action: 'gateway.delete',
      details: { name: 'renamed', owner_id: owner.id },
    });
  });

  it('records team changes and gateway moves; the admin key passes the team role checks', async () => {
    const member = await createUser(app.url);
    const team = await api(app.url, 'POST', '/teams', {
      ...as(owner.token),
      body: { name: 'crew' },
    });
    expect(team.status).toBe(201);
    const teamId: string = team.body.id;
    const call = (method: string, path: string, body?: unknown) =>
      api(app.url, method, path, { ...as(owner.token), body });
    await call('PATCH', `/teams/${teamId}`, { name: 'crew two' });
    await call('POST', `/teams/${teamId}/members`, { email: member.email, role: 'viewer' });
    await call('PATCH', `/teams/${teamId}/members/${member.id}`, { role: 'admin' });
    await call('POST', `/teams/${teamId}/transfer`, { user_id: member.id });
    const other = await call('POST', '/gateway/create', { name: 'moving' });
    const movedId: string = other.body.gateway_id;
    const moved = await call('POST', `/gateway/${movedId}/move`, { team_id: teamId });
    expect(moved.status).toBe(200);

    // The operator is a member of no team, yet passes the owner-only checks.
    const admin = { headers: asAdmin };
    const byAdmin = await api(app.url, 'POST', `/teams/${teamId}/transfer`, {
      ...admin,
      body: { user_id: owner.id },
    });
    expect(byAdmin.status).toBe(200);
    const adminView = await api(
      app.url,
      'GET',
      `/gateway/${movedId}/audit?action=gateway.move`,
      admin,
    );
    expect(adminView.status).toBe(200);
    expect(adminView.body.events[0]).toMatchObject({
      action: 'gateway.move',
      actor: { type: 'user', id: owner.id },
      details: { new: { team_id: teamId } },
    });
    const all = await api(app.url, 'GET', '/admin/gateways', admin);
    expect(all.body.gateways.map((g: { id: string }) => g.id)).toContain(movedId);

    const log = await api(app.url, 'GET', `/audit?action=team.*&limit=20`, admin);
    const mine = log.body.events
      .filter((e: any) => e.target.id === teamId)
      .map((e: any) => [e.action, e.actor.type]);
    expect(mine).toEqual([
      ['team.transfer', 'admin_key'],
      ['team.transfer', 'user'],
      ['team.member_role_change', 'user'],
      ['team.member_add', 'user'],
      ['team.update', 'user'],
      ['team.create', 'user'],
    ]);
  });
});
