import { ModelCatalog } from '@gateway/routing';
import { DomainError } from '../../src/common/domain-errors';
import { ProviderSaturatedError } from '../../src/modules/routing/routing.errors';
import type { RouteCandidate } from '../../src/modules/routing/routing.types';
import type { RunningServer } from '../../src/server';
import { FakeOpenAiUpstream } from '../support/fake-openai-upstream';
import { api, startTestApp } from '../support/test-app';
import { appRouting, secondReplica, type RoutingStack } from './support/routing-stack';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const catalog = ModelCatalog.load();
const pricing = catalog.resolve('gpt-4o-mini').entry.pricing;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function thrown(fn: () => unknown): Promise<DomainError> {
  try {
    await fn();
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error('expected a DomainError');
}

describe('routing (planner, provider health, key admission) in a running app', () => {
  let app: RunningServer;
  let routing: RoutingStack;
  let upstream: FakeOpenAiUpstream;

  beforeAll(async () => {
    upstream = await new FakeOpenAiUpstream().start();
    app = await startTestApp({
      LOG_LEVEL: 'silent',
      OPENAI_API_KEY: 'sk-env',
      OPENAI_BASE_URL: upstream.baseUrl,
    });
    routing = appRouting(app.app);
  });
  afterAll(async () => {
    await app?.close();
    await upstream?.stop();
  });

  async function gateway() {
    const user = (await api(app.url, 'POST', '/auth/join')).body.id as string;
    const gw = await api(app.url, 'POST', '/gateway/create', { userId: user, body: { name: 'r' } });
    const gatewayId = gw.body.gateway_id as string;
    const provider = async (body: Record<string, unknown>) => {
      const res = await api(app.url, 'POST', `/gateway/${gatewayId}/providers`, {
        userId: user,
        body: { provider: 'openai', api_key: 'sk-x', base_url: upstream.baseUrl, ...body },
      });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    const settings = (body: Record<string, unknown>) =>
      api(app.url, 'PUT', `/gateway/${gatewayId}/routing`, { userId: user, body });
    const key = async (body: Record<string, unknown>) =>
      (await api(app.url, 'POST', `/gateway/${gatewayId}/keys`, { userId: user, body })).body
        .key as string;
    return { user, gatewayId, provider, settings, key };
  }

  const ids = (list: RouteCandidate[]) => list.map((c) => `${c.providerName}:${c.upstreamModel}`);

  it('uses the environment credentials when a gateway has no providers of its own', async () => {
    const { gatewayId } = await gateway();
    const plan = routing.plan(gatewayId, 'gpt-4o-mini');
    expect(plan.candidates).toHaveLength(1);
    expect(plan.candidates[0]).toMatchObject({
      source: { kind: 'env' },
      baseUrl: upstream.baseUrl,
      authHeaders: { authorization: 'Bearer sk-env' },
      upstreamModel: 'gpt-4o-mini',
      tier: 'primary',
    });
  });

  it('orders own providers by priority, skips disabled ones and applies the model mapping', async () => {
    const g = await gateway();
    await g.provider({ name: 'low', priority: 1 });
    await g.provider({ name: 'high', priority: 9, model_mapping: { 'gpt-4o-mini': 'mini-2024' } });
    await g.provider({ name: 'off', priority: 99, enabled: false });
    await g.provider({ name: 'other-models', priority: 50, models: ['gpt-4o'] });
    const plan = routing.plan(g.gatewayId, 'gpt-4o-mini');
    expect(ids(plan.candidates)).toEqual(['high:mini-2024', 'low:gpt-4o-mini']);
    expect(plan.candidates[0].authHeaders).toEqual({ authorization: 'Bearer sk-x' });
  });

  it('skips a provider whose breaker opened, shows it through the API, and probes it after the cooldown', async () => {
    const g = await gateway();
    const first = await g.provider({ name: 'first', priority: 2 });
    await g.provider({ name: 'second', priority: 1 });
    await g.settings({ breaker: { failure_threshold: 2, window_ms: 10_000, cooldown_ms: 300 } });
    const [a] = routing.plan(g.gatewayId, 'gpt-4o-mini').candidates;
    routing.report(a, { ok: false, status: 500, latencyMs: 5, kind: 'http' });
    routing.report(a, { ok: false, kind: 'timeout', latencyMs: 5 });
    expect(ids(routing.plan(g.gatewayId, 'gpt-4o-mini').candidates)).toEqual([
      'second:gpt-4o-mini',
    ]);
    const health = await api(app.url, 'GET', `/gateway/${g.gatewayId}/providers/health`, {
      userId: g.user,
    });
    expect(health.body.providers.find((p: any) => p.provider_config_id === first)).toMatchObject({
      state: 'open',
      failures: 2,
      opened_at: expect.any(String),
    });
    await sleep(320);
    const plan = routing.plan(g.gatewayId, 'gpt-4o-mini', { strategyOverride: 'health_first' });
    // Half-open: back in the plan, but after the healthy provider.
    expect(ids(plan.candidates)).toEqual(['second:gpt-4o-mini', 'first:gpt-4o-mini']);
    const probe = routing.acquire(plan.candidates[1]);
    expect(probe).not.toBe('saturated');
    const release = await (probe as Promise<() => void>);
    expect(routing.acquire(plan.candidates[1])).toBe('saturated');
    routing.report(plan.candidates[1], { ok: true, status: 200, latencyMs: 20 });
    release();
    expect(routing.breakerStates(g.gatewayId).map((s) => s.state)).toEqual(['closed', 'closed']);
  });

  it('when every breaker is open, plans the provider that opened first, and rotates after a failed bypass', async () => {
    const g = await gateway();
    await g.provider({ name: 'first', priority: 2 });
    await g.provider({ name: 'second', priority: 1 });
    await g.settings({ breaker: { failure_threshold: 1, cooldown_ms: 600_000 } });
    const [a, b] = routing.plan(g.gatewayId, 'gpt-4o-mini').candidates;
    routing.report(b, { ok: false, status: 500, latencyMs: 5, kind: 'http' });
    await sleep(5);
    routing.report(a, { ok: false, status: 502, latencyMs: 5, kind: 'http' });

    const plan = routing.plan(g.gatewayId, 'gpt-4o-mini');
    expect(ids(plan.candidates)).toEqual(['second:gpt-4o-mini']);
    expect(plan.candidates[0].breakerBypassed).toBe(true);
    const release = await (routing.acquire(plan.candidates[0]) as Promise<() => void>);
    release();
    // Still failing: its cooldown starts again, so the other one is the next last resort.
    routing.report(plan.candidates[0], { ok: false, status: 500, latencyMs: 5, kind: 'http' });
    const next = routing.plan(g.gatewayId, 'gpt-4o-mini').candidates;
    expect(ids(next)).toEqual(['first:gpt-4o-mini']);
    routing.report(next[0], { ok: true, status: 200, latencyMs: 5 });
    expect(routing.breakerStates(g.gatewayId).map((s) => s.state)).toEqual(['closed', 'open']);
    expect(routing.plan(g.gatewayId, 'gpt-4o-mini').candidates[0].breakerBypassed).toBeUndefined();
  });

  it('does not count a client error (400) against the provider', async () => {
    const g = await gateway();
    await g.provider({ name: 'only' });
    await g.settings({ breaker: { failure_threshold: 1 } });
    const [a] = routing.plan(g.gatewayId, 'gpt-4o-mini').candidates;
    routing.report(a, { ok: false, status: 400, latencyMs: 5, kind: 'http' });
    expect(routing.router.shouldRetry({ ok: false, status: 400, kind: 'http' })).toBe(false);
    expect(routing.breakerStates(g.gatewayId)[0].state).toBe('closed');
  });

  it('splits round-robin traffic by weight within 5% over 1,000 requests', async () => {
    const g = await gateway();
    await g.provider({ name: 'heavy', weight: 3 });
    await g.provider({ name: 'light', weight: 1 });
    await g.settings({ strategy: 'round_robin' });
    const counts: Record<string, number> = { heavy: 0, light: 0 };
    for (let i = 0; i < 1000; i += 1) {
      counts[routing.plan(g.gatewayId, 'gpt-4o-mini').candidates[0].providerName] += 1;
    }
    expect(Math.abs(counts.heavy - 750)).toBeLessThanOrEqual(50);
    expect(Math.abs(counts.light - 250)).toBeLessThanOrEqual(50);
  });

  it('prefers the lowest moving-average latency under least_latency', async () => {
    const g = await gateway();
    await g.provider({ name: 'slow', priority: 9 });
    await g.provider({ name: 'fast' });
    for (const c of routing.plan(g.gatewayId, 'gpt-4o-mini').candidates) {
      routing.report(c, { ok: true, status: 200, latencyMs: c.providerName === 'slow' ? 900 : 90 });
    }
    const plan = routing.plan(g.gatewayId, 'gpt-4o-mini', { strategyOverride: 'least_latency' });
    expect(ids(plan.candidates)).toEqual(['fast:gpt-4o-mini', 'slow:gpt-4o-mini']);
    expect(plan.strategy).toBe('least_latency');
  });

  it('rejects an unknown strategy header with 400 naming it', async () => {
    const { gatewayId } = await gateway();
    const err = await thrown(() =>
      routing.plan(gatewayId, 'gpt-4o-mini', { strategyOverride: 'fastest' }),
    );
    expect(err.status).toBe(400);
    expect(err.param).toBe('x-gateway-strategy');
  });

  it('appends fallback models, then any provider in high-availability mode', async () => {
    const g = await gateway();
    await g.provider({ name: 'openai', models: ['gpt-4o'] });
    await g.provider({
      provider: 'anthropic',
      name: 'claude',
      base_url: 'http://127.0.0.1:9',
      models: [],
    });
    await g.provider({ name: 'local', models: ['llama-local'] });
    await g.settings({
      model_fallbacks: { 'gpt-4o': ['claude-sonnet-4-5'] },
      high_availability: true,
    });
    const plan = routing.plan(g.gatewayId, 'gpt-4o');
    expect(plan.candidates.map((c) => [c.providerName, c.model.name, c.tier])).toEqual([
      ['openai', 'gpt-4o', 'primary'],
      ['claude', 'claude-sonnet-4-5', 'model_fallback'],
      ['local', 'llama-local', 'high_availability'],
    ]);
    expect(plan.candidates[1].providerSpec.family).toBe('anthropic');
  });

  it('answers 404 with suggestions for an unknown model and 400 when no provider serves it', async () => {
    const g = await gateway();
    await g.provider({ name: 'only-mini', models: ['gpt-4o-mini'] });
    const unknown = await thrown(() => routing.plan(g.gatewayId, 'gpt-4o-minni'));
    expect(unknown.status).toBe(404);
    expect(unknown.message).toMatch(/Did you mean/);
    const unserved = await thrown(() => routing.plan(g.gatewayId, 'gpt-4o'));
    expect(unserved.status).toBe(400);
    expect(unserved.message).toMatch(/No enabled provider/);
  });

  it('moves to the next provider when one is saturated (fixed concurrency, on_saturated=next)', async () => {
    const g = await gateway();
    await g.provider({
      name: 'narrow',
      priority: 2,
      concurrency: { max: 1, on_saturated: 'next' },
    });
    const [c] = routing.plan(g.gatewayId, 'gpt-4o-mini').candidates;
    const release = await (routing.acquire(c) as Promise<() => void>);
    expect(routing.acquire(c)).toBe('saturated');
    expect(routing.breakerStates(g.gatewayId)[0].concurrency).toMatchObject({
      limit: 1,
      in_flight: 1,
    });
    release();
    expect(routing.acquire(c)).not.toBe('saturated');
  });

  it('raises an adaptive limit while fast and lowers it when latency climbs', async () => {
    const g = await gateway();
    await g.provider({
      name: 'adaptive',
      concurrency: {
        mode: 'adaptive',
        min: 2,
        max: 10,
        latency_low_ms: 100,
        latency_high_ms: 500,
        increase_step: 2,
        decrease_factor: 0.5,
        window_ms: 100,
        cooldown_ms: 0,
      },
    });
    const [c] = routing.plan(g.gatewayId, 'gpt-4o-mini').candidates;
    const limit = () => routing.breakerStates(g.gatewayId)[0].concurrency.limit;
    expect(limit()).toBe(6);
    routing.report(c, { ok: true, status: 200, latencyMs: 20 });
    await sleep(110);
    routing.report(c, { ok: true, status: 200, latencyMs: 20 });
    expect(limit()).toBe(8);
    routing.report(c, { ok: true, status: 200, latencyMs: 2000 });
    await sleep(110);
    routing.report(c, { ok: true, status: 200, latencyMs: 2000 });
    expect(limit()).toBe(4);
  });

  it('admits a key under its restrictions and rejects the rest before sending', async () => {
    const g = await gateway();
    const secret = await g.key({
      name: 'narrow',
      allowed_models: ['gpt-4o-mini'],
      limits: { max_tokens_per_request: 100, rpm: 2 },
      system_prompt: 'Answer in French.',
    });
    const key = routing.authenticateKey(secret, g.gatewayId)!;
    const req = { model: 'gpt-4o-mini', provider: 'openai', estimatedInputTokens: 10, pricing };
    const ok = await routing.admit({ gatewayId: g.gatewayId, key }, req);
    expect(ok).toMatchObject({
      keyId: key.id,
      systemPrompt: 'Answer in French.',
      maxTokensCap: 100,
      headers: { 'x-ratelimit-limit-requests': '2', 'x-ratelimit-remaining-requests': '1' },
    });
    routing.settle(ok, { inputTokens: 10, outputTokens: 5 }, null);
    const wrongModel = await thrown(() =>
      routing.admit({ gatewayId: g.gatewayId, key }, { ...req, model: 'gpt-4o' }),
    );
    expect([wrongModel.status, wrongModel.param]).toEqual([403, 'model']);
    const tooLong = await thrown(() =>
      routing.admit({ gatewayId: g.gatewayId, key }, { ...req, maxTokens: 101 }),
    );
    expect([tooLong.status, tooLong.param]).toEqual([400, 'max_tokens']);
    await routing.admit({ gatewayId: g.gatewayId, key }, { ...req, maxTokens: 100 });
    const limited = await thrown(() => routing.admit({ gatewayId: g.gatewayId, key }, req));
    expect(limited.status).toBe(429);
    expect(limited.headers?.['retry-after']).toMatch(/^\d+$/);
    // The gateway secret is an unlimited key (its gateway has no end user or gateway limits).
    const bySecret = await routing.admit({ gatewayId: g.gatewayId }, req);
    expect(bySecret.reservations).toBeUndefined();
    expect(bySecret.headers).toEqual({});
  });

  it('refuses a disabled or expired key with 403', async () => {
    const g = await gateway();
    const key = routing.authenticateKey(await g.key({ name: 'k' }))!;
    const req = { model: 'gpt-4o-mini', provider: 'openai', estimatedInputTokens: 1, pricing };
    const disabled = await thrown(() =>
      routing.admit({ gatewayId: g.gatewayId, key: { ...key, enabled: false } }, req),
    );
    expect([disabled.status, disabled.message]).toEqual([403, "The key 'k' is disabled"]);
    const expired = await thrown(() =>
      routing.admit({ gatewayId: g.gatewayId, key: { ...key, expiresAt: Date.now() - 1 } }, req),
    );
    expect(expired.status).toBe(403);
    expect(expired.message).toMatch(/expired/);
  });

  it('refuses a budgeted key a model without a known price', async () => {
    const g = await gateway();
    const key = routing.authenticateKey(
      await g.key({ name: 'b', limits: { budget_usd_per_day: 1 } }),
    )!;
    const err = await thrown(() =>
      routing.admit(
        { gatewayId: g.gatewayId, key },
        { model: 'x', provider: 'openai', estimatedInputTokens: 1, pricing: {} },
      ),
    );
    expect(err.status).toBe(403);
  });

  it('restricts the plan to the key’s allowed providers', async () => {
    const g = await gateway();
    await g.provider({ name: 'a', priority: 2 });
    await g.provider({
      provider: 'groq',
      name: 'g',
      models: ['gpt-4o-mini'],
      base_url: 'http://127.0.0.1:9',
    });
    const key = routing.authenticateKey(await g.key({ name: 'k', allowed_providers: ['groq'] }))!;
    expect(ids(routing.plan(g.gatewayId, 'gpt-4o-mini', { key }).candidates)).toEqual([
      'g:gpt-4o-mini',
    ]);
    const byName = routing.authenticateKey(await g.key({ name: 'n', allowed_providers: ['g'] }))!;
    const req = { model: 'gpt-4o-mini', estimatedInputTokens: 1, pricing };
    await expect(
      routing.admit({ gatewayId: g.gatewayId, key: byName }, { ...req, provider: 'groq' }),
    ).resolves.toMatchObject({ keyId: byName.id });
    const refused = await thrown(() =>
      routing.admit({ gatewayId: g.gatewayId, key: byName }, { ...req, provider: 'openai' }),
    );
    expect(refused.status).toBe(403);
  });

  it('computes jittered backoff that honours retry-after', () => {
    expect(routing.router.backoffMs(0, '3')).toBe(3000);
    const delay = routing.router.backoffMs(2);
    expect(delay).toBeGreaterThanOrEqual(0);
    expect(delay).toBeLessThan(800);
  });
});

describe('two replicas sharing Redis', () => {
  let app: RunningServer;
  let other: RoutingStack;

  beforeAll(async () => {
    app = await startTestApp({ LOG_LEVEL: 'silent', REDIS_URL, CREDENTIALS_REFRESH_MS: '0' });
    other = await secondReplica(app.app, catalog);
  });
  afterAll(async () => {
    await other?.close();
    await app?.close();
  });

  it('enforce one requests-per-minute limit and share breaker openings', async () => {
    const user = (await api(app.url, 'POST', '/auth/join')).body.id;
    const gw = (
      await api(app.url, 'POST', '/gateway/create', { userId: user, body: { name: 'r' } })
    ).body.gateway_id as string;
    const created = await api(app.url, 'POST', `/gateway/${gw}/keys`, {
      userId: user,
      body: { name: 'ten', limits: { rpm: 10 } },
    });
    await api(app.url, 'POST', `/gateway/${gw}/providers`, {
      userId: user,
      body: { provider: 'openai', api_key: 'sk-x', base_url: 'http://127.0.0.1:9/v1' },
    });
    await api(app.url, 'PUT', `/gateway/${gw}/routing`, {
      userId: user,
      body: { breaker: { failure_threshold: 1, cooldown_ms: 60_000 } },
    });
    const ra = appRouting(app.app);
    // The other replica learns about changes on its periodic reload; run it now.
    await other.reload();
    const keyA = ra.authenticateKey(created.body.key)!;
    const keyB = other.authenticateKey(created.body.key)!;
    expect(keyB.id).toBe(keyA.id);
    const req = { model: 'gpt-4o-mini', provider: 'openai', estimatedInputTokens: 1, pricing };
    const results = await Promise.all(
      Array.from({ length: 14 }, (_, i) => {
        const [svc, key] = i % 2 ? [ra, keyA] : [other, keyB];
        return svc.admit({ gatewayId: gw, key }, req).then(
          () => 200,
          (err: DomainError) => err.status,
        );
      }),
    );
    expect(results.filter((s) => s === 200)).toHaveLength(10);
    expect(results.filter((s) => s === 429)).toHaveLength(4);

    const [candidate] = other.plan(gw, 'gpt-4o-mini').candidates;
    ra.plan(gw, 'gpt-4o-mini');
    other.report(candidate, { ok: false, kind: 'connect', latencyMs: 1 });
    for (let i = 0; i < 50 && ra.breakerStates(gw)[0].state !== 'open'; i += 1) await sleep(20);
    expect(ra.breakerStates(gw)[0].state).toBe('open');
  });

  it('share one in-flight limit per provider', async () => {
    const user = (await api(app.url, 'POST', '/auth/join')).body.id;
    const gw = (
      await api(app.url, 'POST', '/gateway/create', { userId: user, body: { name: 'c' } })
    ).body.gateway_id as string;
    await api(app.url, 'POST', `/gateway/${gw}/providers`, {
      userId: user,
      body: {
        provider: 'openai',
        api_key: 'sk-x',
        concurrency: { max: 1, on_saturated: 'next' },
      },
    });
    await other.reload();
    const ra = appRouting(app.app);
    const [ca] = ra.plan(gw, 'gpt-4o-mini').candidates;
    const [cb] = other.plan(gw, 'gpt-4o-mini').candidates;
    const release = await (ra.acquire(ca) as Promise<() => void>);
    // Replica B has no request of its own in flight, but A holds the only slot.
    await expect(other.acquire(cb) as Promise<() => void>).rejects.toBeInstanceOf(
      ProviderSaturatedError,
    );
    release();
    await sleep(20);
    const second = await (other.acquire(cb) as Promise<() => void>);
    second();
  });
});
