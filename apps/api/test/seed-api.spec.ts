import type { RunningServer } from '../src/server';
import { FakeOpenAiUpstream } from './support/fake-openai-upstream';
import { api, startTestApp } from './support/test-app';

describe('seed management API on real Postgres', () => {
  let app: RunningServer;
  let upstream: FakeOpenAiUpstream;

  beforeAll(async () => {
    upstream = await new FakeOpenAiUpstream().start();
    app = await startTestApp({
      OPENAI_API_KEY: 'sk-upstream-test',
      OPENAI_BASE_URL: upstream.baseUrl,
    });
  });
  afterAll(async () => {
    await app?.close();
    await upstream?.stop();
  });

  async function join(): Promise<string> {
    const res = await api<{ id: string; username: string }>(app.url, 'POST', '/auth/join');
    expect(res.status).toBe(200);
    return res.body.id;
  }

  function chat(secret: string, headers?: Record<string, string>) {
    return api(app.url, 'POST', '/v1/chat/completions', {
      headers: headers ?? { authorization: `Bearer ${secret}` },
      body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] },
    });
  }

  it('joins anonymously with a uuid and a readable name', async () => {
    const res = await api(app.url, 'POST', '/auth/join');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['id', 'username']);
    expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body.username).toMatch(/^[A-Z][a-z]+_[A-Z][a-z]+$/);
  });

  it('creates, lists and reveals a gateway with exactly the seed shapes', async () => {
    const userId = await join();
    const created = await api(app.url, 'POST', '/gateway/create', {
      userId,
      body: { name: 'my-project' },
    });
    expect(created.status).toBe(200);
    expect(Object.keys(created.body).sort()).toEqual(['gateway_id', 'secret']);
    expect(created.body.secret.length).toBeGreaterThanOrEqual(32);

    const list = await api(app.url, 'GET', '/gateway/list', { userId });
    // The seed's fields, plus the owning team (the user's personal team) and the caller's role there.
    expect(list.body).toEqual({
      gateways: [
        {
          id: created.body.gateway_id,
          name: 'my-project',
          created_at: expect.any(String),
          team_id: expect.any(String),
          role: 'owner',
        },
      ],
    });
    expect(Number.isNaN(Date.parse(list.body.gateways[0].created_at))).toBe(false);

    const creds = await api(app.url, 'GET', `/gateway/${created.body.gateway_id}/credentials`, {
      userId,
    });
    expect(creds.body).toEqual({
      gateway_id: created.body.gateway_id,
      name: 'my-project',
      secret: created.body.secret,
    });
  });

  it('stores the secret only as a hash and as ciphertext', async () => {
    const userId = await join();
    const { body } = await api(app.url, 'POST', '/gateway/create', {
      userId,
      body: { name: 'hashing' },
    });
    const { DataSource } = await import('typeorm');
    const ds = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL });
    await ds.initialize();
    const [row] = await ds.query('SELECT * FROM gateways WHERE id = $1', [body.gateway_id]);
    await ds.destroy();
    expect(JSON.stringify(row)).not.toContain(body.secret);
    expect(row.secret_ciphertext).toMatch(/^v1:/);
  });

  it('hides a gateway from another user with 404', async () => {
    const owner = await join();
    const stranger = await join();
    const { body } = await api(app.url, 'POST', '/gateway/create', {
      userId: owner,
      body: { name: 'private' },
    });
    for (const [method, path] of [
      ['GET', `/gateway/${body.gateway_id}/credentials`],
      ['POST', `/gateway/${body.gateway_id}/regenerate`],
      ['DELETE', `/gateway/${body.gateway_id}`],
    ] as const) {
      const res = await api(app.url, method, path, { userId: stranger });
      expect(res.status).toBe(404);
      expect(res.body.error.message).toMatch(/not found/i);
    }
    expect((await api(app.url, 'GET', '/gateway/list', { userId: stranger })).body).toEqual({
      gateways: [],
    });
  });

  it('answers 401 with a JSON error for missing or unknown users', async () => {
    const missing = await api(app.url, 'GET', '/gateway/list');
    expect(missing.status).toBe(401);
    expect(missing.body.error.message).toMatch(/x-user-id/);
    const unknown = await api(app.url, 'GET', '/gateway/list', {
      userId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.status).toBe(401);
  });

  it('rejects a body without a name with 400 naming the field', async () => {
    const userId = await join();
    const res = await api(app.url, 'POST', '/gateway/create', { userId, body: {} });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^name:/);
  });

  it('cuts the old secret off from the very next request after regenerate', async () => {
    const userId = await join();
    const { body } = await api(app.url, 'POST', '/gateway/create', {
      userId,
      body: { name: 'rotate' },
    });
    expect((await chat(body.secret)).status).toBe(200);
    const regen = await api(app.url, 'POST', `/gateway/${body.gateway_id}/regenerate`, { userId });
    expect(regen.status).toBe(200);
    expect(Object.keys(regen.body).sort()).toEqual(['gateway_id', 'name', 'secret']);
    expect(regen.body.secret).not.toBe(body.secret);
    const old = await chat(body.secret);
    expect(old.status).toBe(401);
    expect(old.body.error.code).toBe('invalid_api_key');
    expect((await chat(regen.body.secret)).status).toBe(200);
    const creds = await api(app.url, 'GET', `/gateway/${body.gateway_id}/credentials`, { userId });
    expect(creds.body.secret).toBe(regen.body.secret);
  });

  it('authenticates proxy calls with x-gateway-id + x-gateway-authorization', async () => {
    const userId = await join();
    const a = await api(app.url, 'POST', '/gateway/create', { userId, body: { name: 'a' } });
    const b = await api(app.url, 'POST', '/gateway/create', { userId, body: { name: 'b' } });
    const ok = await api(app.url, 'POST', '/chat/completions', {
      headers: { 'x-gateway-id': a.body.gateway_id, 'x-gateway-authorization': a.body.secret },
      body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.choices[0].message.content).toBe('Hello from fake');
    // A valid secret presented for another gateway id is refused.
    const crossed = await chat('', {
      'x-gateway-id': b.body.gateway_id,
      'x-gateway-authorization': a.body.secret,
    });
    expect(crossed.status).toBe(401);
  });

  it('renames and deletes a gateway; a deleted gateway’s secret stops working', async () => {
    const userId = await join();
    const { body } = await api(app.url, 'POST', '/gateway/create', {
      userId,
      body: { name: 'old' },
    });
    const renamed = await api(app.url, 'PATCH', `/gateway/${body.gateway_id}`, {
      userId,
      body: { name: 'new' },
    });
    expect(renamed.body).toMatchObject({ id: body.gateway_id, name: 'new' });
    const del = await api(app.url, 'DELETE', `/gateway/${body.gateway_id}`, { userId });
    expect(del.status).toBe(204);
    expect((await chat(body.secret)).status).toBe(401);
    expect(
      (await api(app.url, 'GET', `/gateway/${body.gateway_id}/credentials`, { userId })).status,
    ).toBe(404);
  });

  it('reports health', async () => {
    const res = await api(app.url, 'GET', '/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', database: 'ok' });
  });
});
