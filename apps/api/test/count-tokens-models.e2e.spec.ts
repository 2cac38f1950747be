import type { RunningServer } from '../src/server';
import { FAKE_KEYS, FakeProviders } from './support/fake-providers';
import { api, startTestApp } from './support/test-app';

/** count_tokens and model lists take the same authentication, key policy, providers and recording as chat. */
describe('count_tokens and /v1/models per gateway', () => {
  let app: RunningServer;
  let fake: FakeProviders;

  beforeAll(async () => {
    fake = await new FakeProviders().start();
    // The environment has OpenAI only: Anthropic is reachable through a gateway's own provider.
    app = await startTestApp({
      OPENAI_API_KEY: FAKE_KEYS.openai,
      OPENAI_BASE_URL: `${fake.root}/v1`,
    });
  });
  afterAll(async () => {
    await app?.close();
    await fake?.stop();
  });

  async function gateway(name: string) {
    const userId = (await api(app.url, 'POST', '/auth/join')).body.id as string;
    const gw = (await api(app.url, 'POST', '/gateway/create', { userId, body: { name } })).body;
    const key = async (body: Record<string, unknown>) => {
      const res = await api(app.url, 'POST', `/gateway/${gw.gateway_id}/keys`, { userId, body });
      expect(res.status).toBe(201);
      return res.body as { id: string; key: string };
    };
    const provider = async (body: Record<string, unknown>) => {
      const res = await api(app.url, 'POST', `/gateway/${gw.gateway_id}/providers`, {
        userId,
        body,
      });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    return { userId, id: gw.gateway_id as string, secret: gw.secret as string, key, provider };
  }

  const count = (secret: string, model: string) =>
    api(app.url, 'POST', '/v1/messages/count_tokens', {
      headers: { 'x-api-key': secret, 'anthropic-version': '2023-06-01' },
      body: { model, messages: [{ role: 'user', content: 'How many tokens is this?' }] },
    });

  async function logs(g: { id: string; userId: string }, n: number) {
    let items: Record<string, any>[] = [];
    for (let i = 0; i < 40; i++) {
      items = (await api(app.url, 'GET', `/analytics/gateway/${g.id}/logs`, { userId: g.userId }))
        .body.items;
      if (items.length >= n) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    return items;
  }

  it("counts through the gateway's own Anthropic provider and records the call with 0 tokens", async () => {
    const g = await gateway('own-anthropic');
    await g.provider({ provider: 'anthropic', api_key: FAKE_KEYS.anthropic, base_url: fake.root });
    fake.reset();
    const res = await count(g.secret, 'claude-sonnet-4-6');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ input_tokens: 57 });
    const sent = fake.last('anthropic')!;
    expect(sent.path).toBe('/v1/messages/count_tokens');
    expect(sent.headers['x-api-key']).toBe(FAKE_KEYS.anthropic);

    const [item] = await logs(g, 1);
    expect(item).toMatchObject({
      endpoint: '/v1/messages/count_tokens',
      provider: 'anthropic',
      status: 200,
      tokens_in: 0,
      tokens_out: 0,
    });
    expect(Number(item.cost_usd ?? 0)).toBe(0);
  });

  it('refuses a disabled key and a model the key may not use, like chat, before any upstream call', async () => {
    const g = await gateway('policy');
    await g.provider({ provider: 'anthropic', api_key: FAKE_KEYS.anthropic, base_url: fake.root });
    const off = await g.key({ name: 'off', enabled: false });
    const narrow = await g.key({ name: 'narrow', allowed_models: ['claude-haiku*'] });
    const ok = await g.key({ name: 'ok' });
    fake.reset();
    const disabled = await count(off.key, 'claude-sonnet-4-6');
    expect(disabled.status).toBe(403);
    expect(disabled.body.error.message).toMatch(/disabled/);
    const notAllowed = await count(narrow.key, 'claude-sonnet-4-6');
    expect(notAllowed.status).toBe(403);
    expect(notAllowed.body.error.message).toMatch(/may not use .*claude-sonnet-4-6/);
    expect(fake.requests).toHaveLength(0);

    const gemini = await api(app.url, 'POST', '/v1beta/models/claude-sonnet-4-6:countTokens', {
      headers: { 'x-goog-api-key': off.key },
      body: { contents: [{ role: 'user', parts: [{ text: 'hi' }] }] },
    });
    expect(gemini.status).toBe(403);

    const allowed = await count(ok.key, 'claude-sonnet-4-6');
    expect(allowed.status).toBe(200);
    const items = await logs(g, 4);
    expect(items.map((i) => i.status).sort()).toEqual([200, 403, 403, 403]);
    expect(items.find((i) => i.status === 200)!.key_id).toBe(ok.id);
  });

  it('lists each gateway its own models, follows provider changes and narrows to the key', async () => {
    const envOnly = await gateway('env-only');
    const own = await gateway('own');
    const list = async (secret: string, headers: Record<string, string> = {}) => {
      const res = await api(app.url, 'GET', '/v1/models', {
        headers: { authorization: `Bearer ${secret}`, ...headers },
      });
      expect(res.status).toBe(200);
      return res.body;
    };
    const ids = (body: { data: { id: string }[] }) => body.data.map((m) => m.id);

    // Environment: OpenAI only.
    const envIds = ids(await list(envOnly.secret));
    expect(envIds).toContain('gpt-4o-mini');
    expect(envIds.some((id) => id.startsWith('claude'))).toBe(false);

    // A gateway with its own providers lists those, not the environment's.
    const pid = await own.provider({
      provider: 'anthropic',
      name: 'mine',
      api_key: FAKE_KEYS.anthropic,
      base_url: fake.root,
      models: ['claude-sonnet-4-6', 'claude-haiku-4-5'],
    });
    expect(ids(await list(own.secret)).sort()).toEqual(['claude-haiku-4-5', 'claude-sonnet-4-6']);
    const anthropicShape = await list(own.secret, { 'anthropic-version': '2023-06-01' });
    expect(anthropicShape).toMatchObject({ has_more: false, data: [{ type: 'model' }, {}] });
    const gemini = await api(app.url, 'GET', '/v1beta/models', {
      headers: { 'x-goog-api-key': own.secret },
    });
    expect(gemini.body.models.map((m: { name: string }) => m.name).sort()).toEqual([
      'models/claude-haiku-4-5',
      'models/claude-sonnet-4-6',
    ]);

    // Cached per gateway, rebuilt when its providers change.
    const patched = await api(app.url, 'PATCH', `/gateway/${own.id}/providers/${pid}`, {
      userId: own.userId,
      body: { models: ['claude-haiku-4-5'] },
    });
    expect(patched.status).toBe(200);
    expect(ids(await list(own.secret))).toEqual(['claude-haiku-4-5']);
    expect(ids(await list(envOnly.secret))).toEqual(envIds);

    // A key sees what it may use; a disabled key sees nothing.
    const narrow = await own.key({ name: 'n', allowed_models: ['claude-sonnet*'] });
    expect(ids(await list(narrow.key))).toEqual([]);
    const off = await own.key({ name: 'off', enabled: false });
    const refused = await api(app.url, 'GET', '/v1/models', {
      headers: { authorization: `Bearer ${off.key}` },
    });
    expect(refused.status).toBe(403);
    const unauthenticated = await api(app.url, 'GET', '/v1/models');
    expect(unauthenticated.status).toBe(401);
  });
});
