import type { RunningServer } from '../../src/server';
import { GatewayConfig } from '../../src/modules/routing/gateway-config';
import { appRouting } from './support/routing-stack';
import { FakeOpenAiUpstream, sendJson } from '../support/fake-openai-upstream';
import { api, startTestApp } from '../support/test-app';
import { startHttpProxy, startSocks5Proxy } from './support/fake-proxies';

describe('providers, keys and routing management API', () => {
  let app: RunningServer;
  let upstream: FakeOpenAiUpstream;

  beforeAll(async () => {
    upstream = await new FakeOpenAiUpstream('sk-byok-1234').start();
    upstream.behaviour = (req, res) => {
      if (req.url === '/v1/models') {
        sendJson(res, 200, {
          object: 'list',
          data: [{ id: 'gpt-4o-mini' }, { id: 'my-finetune' }],
        });
      } else sendJson(res, 404, { error: { message: 'no route' } });
    };
    app = await startTestApp({ LOG_LEVEL: 'silent' });
  });
  afterAll(async () => {
    await app?.close();
    await upstream?.stop();
  });

  async function gateway(): Promise<{ userId: string; gatewayId: string; secret: string }> {
    const user = await api(app.url, 'POST', '/auth/join');
    const gw = await api(app.url, 'POST', '/gateway/create', {
      userId: user.body.id,
      body: { name: 'routing' },
    });
    return { userId: user.body.id, gatewayId: gw.body.gateway_id, secret: gw.body.secret };
  }

  async function sql(query: string, params: unknown[]): Promise<any[]> {
    const { DataSource } = await import('typeorm');
    const ds = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL });
    await ds.initialize();
    try {
      return await ds.query(query, params);
    } finally {
      await ds.destroy();
    }
  }

  describe('providers', () => {
    it('creates a provider, returning only the last 4 characters of its key', async () => {
      const { userId, gatewayId } = await gateway();
      const res = await api(app.url, 'POST', `/gateway/${gatewayId}/providers`, {
        userId,
        body: {
          provider: 'openai',
          name: 'Primary OpenAI',
          base_url: upstream.baseUrl + '/',
          api_key: 'sk-byok-1234',
          models: ['gpt-4o-mini'],
          model_mapping: { 'gpt-4o-mini': 'gpt-4o-mini-2024-07-18' },
          priority: 10,
          weight: 3,
          proxy_url: 'http://user:pw@127.0.0.1:3128',
          concurrency: { mode: 'adaptive', min: 2, max: 40, on_saturated: 'next' },
        },
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        provider: 'openai',
        name: 'Primary OpenAI',
        base_url: upstream.baseUrl,
        key_last4: '1234',
        models: ['gpt-4o-mini'],
        priority: 10,
        weight: 3,
        enabled: true,
        timeout_ms: null,
        max_retries: 0,
        proxy_url: 'http://user:****@127.0.0.1:3128',
      });
      expect(res.body.concurrency).toMatchObject({
        mode: 'adaptive',
        min: 2,
        max: 40,
        on_saturated: 'next',
        queue_size: expect.any(Number),
      });
      expect(JSON.stringify(res.body)).not.toContain('sk-byok-1234');
      const [row] = await sql('SELECT * FROM gateway_providers WHERE id = $1', [res.body.id]);
      expect(JSON.stringify(row)).not.toContain('sk-byok-1234');
      expect(row.api_key_ciphertext).toMatch(/^v1:/);
    });

    it('lists, updates and deletes providers', async () => {
      const { userId, gatewayId } = await gateway();
      const created = await api(app.url, 'POST', `/gateway/${gatewayId}/providers`, {
        userId,
        body: { provider: 'groq', api_key: 'gsk-abcdefgh' },
      });
      expect(created.body.name).toBe('Groq');
      const patched = await api(
        app.url,
        'PATCH',
        `/gateway/${gatewayId}/providers/${created.body.id}`,
        { userId, body: { enabled: false, api_key: 'gsk-new-9876', proxy_url: null } },
      );
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({ enabled: false, key_last4: '9876', proxy_url: null });
      const list = await api(app.url, 'GET', `/gateway/${gatewayId}/providers`, { userId });
      expect(list.body.providers.map((p: { id: string }) => p.id)).toEqual([created.body.id]);
      const del = await api(
        app.url,
        'DELETE',
        `/gateway/${gatewayId}/providers/${created.body.id}`,
        { userId },
      );
      expect(del.status).toBe(204);
      expect(
        (
          await api(app.url, 'GET', `/gateway/${gatewayId}/providers/${created.body.id}`, {
            userId,
          })
        ).status,
      ).toBe(404);
    });

    it.each([
      [{ provider: 'no-such-provider', api_key: 'k' }, /^provider:/],
      [{ provider: 'openai' }, /^api_key:/],
      [{ provider: 'openai', api_key: 'k', base_url: 'ftp://x' }, /^base_url:/],
      [{ provider: 'openai', api_key: 'k', proxy_url: 'ftp://x' }, /^proxy_url:/],
      [{ provider: 'openai', api_key: 'k', weight: -1 }, /^weight:/],
      [
        { provider: 'openai', api_key: 'k', concurrency: { decrease_factor: 2 } },
        /^concurrency\.decrease_factor:/,
      ],
      [{ provider: 'openai', api_key: 'k', concurrency: { min: 9, max: 3 } }, /^concurrency\.min/],
      [{ provider: 'openai', api_key: 'k', colour: 'blue' }, /colour/],
    ])('rejects %j with 400 naming the field', async (body, message) => {
      const { userId, gatewayId } = await gateway();
      const res = await api(app.url, 'POST', `/gateway/${gatewayId}/providers`, { userId, body });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    });

    it('tests the connection and fetches models from the real provider API', async () => {
      const { userId, gatewayId } = await gateway();
      const good = await api(app.url, 'POST', `/gateway/${gatewayId}/providers`, {
        userId,
        body: { provider: 'openai', base_url: upstream.baseUrl, api_key: 'sk-byok-1234' },
      });
      const bad = await api(app.url, 'POST', `/gateway/${gatewayId}/providers`, {
        userId,
        body: { provider: 'openai', base_url: upstream.baseUrl, api_key: 'sk-wrong' },
      });
      const ok = await api(
        app.url,
        'POST',
        `/gateway/${gatewayId}/providers/${good.body.id}/test`,
        { userId },
      );
      expect(ok.body).toMatchObject({ ok: true, status: 200, models_count: 2, error: null });
      const failed = await api(
        app.url,
        'POST',
        `/gateway/${gatewayId}/providers/${bad.body.id}/test`,
        { userId },
      );
      expect(failed.status).toBe(200);
      expect(failed.body).toMatchObject({ ok: false, status: 401 });
      expect(failed.body.error).toMatch(/Incorrect API key/);
      const models = await api(
        app.url,
        'GET',
        `/gateway/${gatewayId}/providers/${good.body.id}/models`,
        { userId },
      );
      expect(models.body.models).toEqual([
        { id: 'gpt-4o-mini', in_catalog: true },
        { id: 'my-finetune', in_catalog: false },
      ]);
      const upstreamCall = upstream.requests.at(-1)!;
      expect(upstreamCall.headers.authorization).toBe('Bearer sk-byok-1234');
    });

    it.each([
      ['an HTTP proxy', startHttpProxy],
      ['a SOCKS5 proxy', startSocks5Proxy],
    ])('reaches the provider through %s', async (_label, start) => {
      const proxy = await start();
      try {
        const { userId, gatewayId } = await gateway();
        const proxyUrl = proxy.url.startsWith('http')
          ? proxy.url.replace('://', '://alice:s3cret@')
          : proxy.url;
        const p = await api(app.url, 'POST', `/gateway/${gatewayId}/providers`, {
          userId,
          body: {
            provider: 'openai',
            base_url: upstream.baseUrl,
            api_key: 'sk-byok-1234',
            proxy_url: proxyUrl,
          },
        });
        const res = await api(
          app.url,
          'POST',
          `/gateway/${gatewayId}/providers/${p.body.id}/test`,
          { userId },
        );
        expect(res.body).toMatchObject({ ok: true, models_count: 2 });
        expect(proxy.targets).toEqual([new URL(upstream.baseUrl).host]);
        if (proxy.url.startsWith('http')) {
          expect(proxy.auth).toEqual([`Basic ${Buffer.from('alice:s3cret').toString('base64')}`]);
        }
      } finally {
        await proxy.stop();
      }
    });

    it('reports an unreachable provider as a failed test', async () => {
      const { userId, gatewayId } = await gateway();
      const p = await api(app.url, 'POST', `/gateway/${gatewayId}/providers`, {
        userId,
        body: { provider: 'openai', base_url: 'http://127.0.0.1:1/v1', api_key: 'k' },
      });
      const res = await api(app.url, 'POST', `/gateway/${gatewayId}/providers/${p.body.id}/test`, {
        userId,
      });
      expect(res.body).toMatchObject({ ok: false, status: null });
      expect(res.body.error).toMatch(/unreachable/);
    });

    it('serves breaker state per provider at /providers/health', async () => {
      const { userId, gatewayId } = await gateway();
      const p = await api(app.url, 'POST', `/gateway/${gatewayId}/providers`, {
        userId,
        body: { provider: 'openai', base_url: upstream.baseUrl, api_key: 'sk-byok-1234' },
      });
      const res = await api(app.url, 'GET', `/gateway/${gatewayId}/providers/health`, { userId });
      expect(res.status).toBe(200);
      expect(res.body.providers).toEqual([
        {
          provider_config_id: p.body.id,
          provider: 'openai',
          name: 'OpenAI',
          state: 'closed',
          failures: 0,
          opened_at: null,
          latency_avg_ms: null,
          concurrency: { mode: 'fixed', limit: 256, in_flight: 0, queued: 0 },
        },
      ]);
    });

    it('hides providers of another user’s gateway with 404', async () => {
      const { gatewayId } = await gateway();
      const stranger = (await api(app.url, 'POST', '/auth/join')).body.id;
      for (const [method, path] of [
        ['GET', `/gateway/${gatewayId}/providers`],
        ['POST', `/gateway/${gatewayId}/providers`],
        ['GET', `/gateway/${gatewayId}/providers/health`],
        ['GET', `/gateway/${gatewayId}/routing`],
        ['GET', `/gateway/${gatewayId}/keys`],
      ] as const) {
        const res = await api(app.url, method, path, {
          userId: stranger,
          body: method === 'POST' ? { provider: 'openai', api_key: 'k' } : undefined,
        });
        expect(res.status).toBe(404);
      }
    });
  });

  describe('keys', () => {
    it('shows the full key once, stores only its hash, and authenticates it in memory', async () => {
      const { userId, gatewayId } = await gateway();
      const res = await api(app.url, 'POST', `/gateway/${gatewayId}/keys`, {
        userId,
        body: {
          name: 'ci',
          prefix: 'sk-ant-',
          allowed_models: ['gpt-4o*'],
          limits: { rpm: 10, budget_usd_per_day: 1.5 },
          system_prompt: 'Be brief.',
        },
      });
      expect(res.status).toBe(201);
      expect(res.body.key).toMatch(/^sk-ant-[A-Za-z0-9_-]{32}$/);
      expect(res.body).toMatchObject({
        name: 'ci',
        prefix: 'sk-ant-',
        key_hint: `sk-ant-…${res.body.key.slice(-4)}`,
        allowed_models: ['gpt-4o*'],
        allowed_providers: [],
        enabled: true,
        expires_at: null,
        limits: { rpm: 10, budget_usd_per_day: 1.5 },
        system_prompt: 'Be brief.',
      });
      const [row] = await sql('SELECT * FROM gateway_keys WHERE id = $1', [res.body.id]);
      expect(JSON.stringify(row)).not.toContain(res.body.key);
      const list = await api(app.url, 'GET', `/gateway/${gatewayId}/keys`, { userId });
      expect(JSON.stringify(list.body)).not.toContain(res.body.key);
      const routing = appRouting(app.app);
      expect(routing.authenticateKey(res.body.key)).toMatchObject({
        id: res.body.id,
        gatewayId,
        limits: { rpm: 10, budget_usd_per_day: 1.5 },
      });
      expect(
        routing.authenticateKey(res.body.key, '00000000-0000-4000-8000-000000000000'),
      ).toBeUndefined();
    });

    it('updates limits (null removes one) and stops authenticating a deleted key at once', async () => {
      const { userId, gatewayId } = await gateway();
      const created = await api(app.url, 'POST', `/gateway/${gatewayId}/keys`, {
        userId,
        body: { name: 'k', limits: { rpm: 5, tpm: 100 } },
      });
      expect(created.body.key).toMatch(/^gw-/);
      const patched = await api(app.url, 'PATCH', `/gateway/${gatewayId}/keys/${created.body.id}`, {
        userId,
        body: { limits: { rpm: null, rpd: 1000 }, enabled: false },
      });
      expect(patched.body.limits).toEqual({ tpm: 100, rpd: 1000 });
      expect(patched.body.enabled).toBe(false);
      const routing = appRouting(app.app);
      expect(routing.authenticateKey(created.body.key)?.enabled).toBe(false);
      const one = await api(app.url, 'GET', `/gateway/${gatewayId}/keys/${created.body.id}`, {
        userId,
      });
      expect(one.body.usage).toMatchObject({ rpm: 0, tpm: 0, budget_usd_per_day: 0 });
      await api(app.url, 'DELETE', `/gateway/${gatewayId}/keys/${created.body.id}`, { userId });
      expect(routing.authenticateKey(created.body.key)).toBeUndefined();
    });

    it.each([
      [{}, /^name:/],
      [{ name: 'k', prefix: 'xx-' }, /^prefix:/],
      [{ name: 'k', limits: { rpm: -1 } }, /^limits\.rpm:/],
      [{ name: 'k', limits: { budget_usd_per_month: 'ten' } }, /^limits\.budget_usd_per_month:/],
      [{ name: 'k', expires_at: 'tomorrow' }, /^expires_at:/],
      [{ name: 'k', expires_at: '2001-01-01T00:00:00Z' }, /^expires_at: must be in the future/],
      [{ name: 'k', allowed_models: 'gpt-4o' }, /^allowed_models:/],
    ])('rejects %j with 400 naming the field', async (body, message) => {
      const { userId, gatewayId } = await gateway();
      const res = await api(app.url, 'POST', `/gateway/${gatewayId}/keys`, { userId, body });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    });
  });

  describe('routing settings', () => {
    it('serves defaults, merges partial updates and applies them to plans', async () => {
      const { userId, gatewayId } = await gateway();
      const defaults = await api(app.url, 'GET', `/gateway/${gatewayId}/routing`, { userId });
      expect(defaults.body).toEqual({
        strategy: 'priority',
        high_availability: false,
        model_fallbacks: {},
        deadline_ms: 600000,
        retry: { max_retries: 0, base_ms: 200, max_ms: 5000 },
        breaker: { failure_threshold: 5, window_ms: 60000, cooldown_ms: 30000 },
      });
      const put = await api(app.url, 'PUT', `/gateway/${gatewayId}/routing`, {
        userId,
        body: {
          strategy: 'round_robin',
          model_fallbacks: { 'gpt-4o': ['claude-sonnet-4-5'] },
          retry: { max_retries: 4 },
        },
      });
      expect(put.status).toBe(200);
      expect(put.body).toMatchObject({
        strategy: 'round_robin',
        model_fallbacks: { 'gpt-4o': ['claude-sonnet-4-5'] },
        retry: { max_retries: 4, base_ms: 200, max_ms: 5000 },
      });
      const again = await api(app.url, 'GET', `/gateway/${gatewayId}/routing`, { userId });
      expect(again.body).toEqual(put.body);
      expect(app.app.get(GatewayConfig).settingsFor(gatewayId).strategy).toBe('round_robin');
    });

    it.each([
      [{ strategy: 'random' }, /^strategy:/],
      [{ deadline_ms: 5 }, /^deadline_ms:/],
      [{ breaker: { failure_threshold: 0 } }, /^breaker\.failure_threshold:/],
      [{ model_fallbacks: { 'gpt-4o': 'claude' } }, /^model_fallbacks\.gpt-4o:/],
      [{ retry: { base_ms: 10_000, max_ms: 100 } }, /^retry\.base_ms/],
    ])('rejects %j with 400 naming the field', async (body, message) => {
      const { userId, gatewayId } = await gateway();
      const res = await api(app.url, 'PUT', `/gateway/${gatewayId}/routing`, { userId, body });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    });
  });
});
