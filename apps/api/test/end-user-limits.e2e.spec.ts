import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { LimitSubjects } from '../src/modules/keys/limit-subjects';
import { limitSubject } from '../src/modules/limits/limit-subject';
import type { RunningServer } from '../src/server';
import { FakeOpenAiUpstream } from './support/fake-openai-upstream';
import { api, startTestApp } from './support/test-app';

const REDIS_URL =
  process.env.REDIS_URL_FOR_TESTS ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

type Outcome = { status: number; message: string; retryAfter: string | null; body?: any };

function outcome(p: Promise<unknown>): Promise<Outcome> {
  return p.then(
    () => ({ status: 200, message: '', retryAfter: null }),
    (e: { status?: number; message: string; headers?: Headers; error?: unknown }) => ({
      status: e.status ?? 0,
      message: e.message,
      retryAfter: e.headers?.get('retry-after') ?? null,
      body: e.error,
    }),
  );
}

/**
 * Limits per end user (the OpenAI `user` field, Anthropic `metadata.user_id`, or the
 * `x-gateway-end-user` header), configured per gateway with `PUT /gateway/:id/limits`, through the
 * official SDKs; counters in this process or in Redis.
 */
describe.each(['memory', 'redis'] as const)('end user limits, counters in %s', (store) => {
  let app: RunningServer;
  let upstream: FakeOpenAiUpstream;

  beforeAll(async () => {
    upstream = await new FakeOpenAiUpstream().start();
    app = await startTestApp({
      LOG_LEVEL: 'silent',
      OPENAI_API_KEY: 'sk-upstream-test',
      OPENAI_BASE_URL: upstream.baseUrl,
      ...(store === 'redis' ? { REDIS_URL } : {}),
    });
  });
  afterAll(async () => {
    await app?.close();
    await upstream?.stop();
  });

  async function gateway(limits: unknown) {
    const userId = (await api(app.url, 'POST', '/auth/join')).body.id as string;
    const gw = (await api(app.url, 'POST', '/gateway/create', { userId, body: { name: 'eu' } }))
      .body as { gateway_id: string; secret: string };
    const put = await api(app.url, 'PUT', `/gateway/${gw.gateway_id}/limits`, {
      userId,
      body: limits,
    });
    expect(put.status).toBe(200);
    const openai = new OpenAI({ baseURL: `${app.url}/v1`, apiKey: gw.secret, maxRetries: 0 });
    return {
      userId,
      gatewayId: gw.gateway_id,
      secret: gw.secret,
      limits: put.body,
      chat: (user?: string, headers?: Record<string, string>) =>
        outcome(
          openai.chat.completions.create(
            { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], user },
            { headers },
          ),
        ),
      usage: (endUser: string) =>
        api(app.url, 'GET', `/gateway/${gw.gateway_id}/limits/usage?end_user=${endUser}`, {
          userId,
        }),
    };
  }

  it('gives each end user its own rate limit, an override its own, and names the limit in the 429', async () => {
    const g = await gateway({ end_user: { rpm: 2 }, end_user_overrides: { vip: { rpm: 3 } } });
    expect(g.limits).toEqual({
      gateway: {},
      end_user: { rpm: 2 },
      end_user_overrides: { vip: { rpm: 3 } },
      require_end_user: false,
    });
    expect((await g.chat('alice')).status).toBe(200);
    expect((await g.chat('alice')).status).toBe(200);
    const refused = await g.chat('alice');
    expect(refused.status).toBe(429);
    expect(refused.message).toMatch(
      /Rate limit reached for end user 'alice': 2 requests per minute \(end_user\.rpm\)/,
    );
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect((await g.chat('bob')).status).toBe(200);
    for (let i = 0; i < 3; i += 1) expect((await g.chat('vip')).status).toBe(200);
    expect((await g.chat('vip')).message).toMatch(/\(end_user_overrides\.vip\.rpm\)/);
    // The header names the end user ahead of the body; requests naming nobody are not limited.
    expect((await g.chat('alice', { 'x-gateway-end-user': 'carol' })).status).toBe(200);
    for (let i = 0; i < 3; i += 1) expect((await g.chat()).status).toBe(200);
    expect((await g.usage('alice')).body.end_user).toMatchObject({
      id: 'alice',
      limits: { rpm: 2 },
      usage: { rpm: 2 },
    });
  });

  it('reads the end user from Anthropic metadata.user_id and answers in Anthropic format', async () => {
    const g = await gateway({ end_user: { rpm: 1 } });
    const client = new Anthropic({ baseURL: app.url, apiKey: g.secret, maxRetries: 0 });
    const send = (user: string) =>
      outcome(
        client.messages.create({
          model: 'gpt-4o-mini',
          max_tokens: 16,
          messages: [{ role: 'user', content: 'hi' }],
          metadata: { user_id: user },
        }),
      );
    expect((await send('dora')).status).toBe(200);
    const refused = await send('dora');
    expect(refused.status).toBe(429);
    expect(refused.message).toMatch(/end user 'dora'.*\(end_user\.rpm\)/);
    expect(refused.body).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
    expect((await send('erin')).status).toBe(200);
  });

  it('keeps a separate budget per end user, with a key of its own on top', async () => {
    const g = await gateway({ end_user: { budget_usd_per_day: 1 } });
    expect((await g.chat('frank')).status).toBe(200);
    const cost = (await g.usage('frank')).body.end_user.usage.budget_usd_per_day as number;
    expect(cost).toBeGreaterThan(0);
    const budget = (2 * Math.round(cost * 1e9)) / 1e9;
    await api(app.url, 'PUT', `/gateway/${g.gatewayId}/limits`, {
      userId: g.userId,
      body: { end_user: { budget_usd_per_day: budget } },
    });
    expect((await g.chat('frank')).status).toBe(200);
    const refused = await g.chat('frank');
    expect(refused.status).toBe(429);
    expect(refused.message).toMatch(
      /Budget of end user 'frank' exhausted: [\d.e-]+ USD per day \(end_user\.budget_usd_per_day\)/,
    );
    // A key of the same gateway is counted too, and grace has her own budget.
    const key = await api(app.url, 'POST', `/gateway/${g.gatewayId}/keys`, {
      userId: g.userId,
      body: { name: 'app' },
    });
    const viaKey = new OpenAI({ baseURL: `${app.url}/v1`, apiKey: key.body.key, maxRetries: 0 });
    const ask = (user: string) =>
      outcome(
        viaKey.chat.completions.create({
          model: 'gpt-4o-mini',
          messages: [{ role: 'user', content: 'hi' }],
          user,
        }),
      );
    expect((await ask('frank')).status).toBe(429);
    expect((await ask('grace')).status).toBe(200);
    expect((await ask('grace')).status).toBe(200);
    expect((await ask('grace')).status).toBe(429);
    const usage = (await g.usage('grace')).body;
    expect(usage.end_user.usage.budget_usd_per_day).toBeCloseTo(2 * cost, 12);
  });

  it('limits the whole gateway, and can require every request to name its end user', async () => {
    const g = await gateway({ gateway: { rpm: 2 }, require_end_user: true });
    const missing = await g.chat();
    expect(missing.status).toBe(400);
    expect(missing.message).toMatch(/x-gateway-end-user/);
    expect((await g.chat('hana')).status).toBe(200);
    expect((await g.chat('ivan')).status).toBe(200);
    expect((await g.chat('judy')).message).toMatch(
      /Rate limit reached for this gateway: 2 requests per minute \(gateway\.rpm\)/,
    );
    const usage = await api(app.url, 'GET', `/gateway/${g.gatewayId}/limits/usage`, {
      userId: g.userId,
    });
    expect(usage.body).toEqual({
      gateway: { limits: { rpm: 2 }, usage: expect.objectContaining({ rpm: 2 }) },
    });
  });

  it('counts a registered kind of subject (a team) like the others', async () => {
    const g = await gateway({});
    app.app.get(LimitSubjects).register(({ gatewayId }) =>
      gatewayId === g.gatewayId
        ? limitSubject({
            kind: 'team',
            id: `team-of-${gatewayId}`,
            label: "team 'acme'",
            configPath: 'team',
            limits: { rpm: 1 },
          })
        : undefined,
    );
    expect((await g.chat()).status).toBe(200);
    const refused = await g.chat('kim');
    expect(refused.status).toBe(429);
    expect(refused.message).toMatch(
      /Rate limit reached for team 'acme': 1 requests per minute \(team\.rpm\)/,
    );
  });

  it('validates limits, merges updates and hides them from strangers', async () => {
    const g = await gateway({
      end_user: { rpm: 5, tpm: 100 },
      end_user_overrides: { a: { rpm: 1 } },
    });
    const path = `/gateway/${g.gatewayId}/limits`;
    const merged = await api(app.url, 'PUT', path, {
      userId: g.userId,
      body: { end_user: { tpm: null, rpd: 50 }, end_user_overrides: { a: null, b: {} } },
    });
    expect(merged.body).toMatchObject({
      end_user: { rpm: 5, rpd: 50 },
      end_user_overrides: { b: {} },
    });
    const bad = await api(app.url, 'PUT', path, {
      userId: g.userId,
      body: { end_user: { max_tokens_per_request: 10 } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/max_tokens_per_request/);
    expect(
      (await api(app.url, 'PUT', path, { userId: g.userId, body: { end_user: { rpm: -1 } } }))
        .status,
    ).toBe(400);
    const stranger = (await api(app.url, 'POST', '/auth/join')).body.id as string;
    expect((await api(app.url, 'GET', path, { userId: stranger })).status).toBe(404);
    expect((await api(app.url, 'PUT', path, { userId: stranger, body: {} })).status).toBe(404);
  });
});
