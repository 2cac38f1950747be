import OpenAI from 'openai';
import type { RunningServer } from '../src/server';
import { FakeOpenAiUpstream, completion, sendJson } from './support/fake-openai-upstream';
import { api, startTestApp } from './support/test-app';

type ApiError = InstanceType<typeof OpenAI.APIError>;

const failing = (_req: unknown, res: import('node:http').ServerResponse) =>
  sendJson(res, 500, { error: { message: 'boom', type: 'server_error' } });
const healthy = (req: { body: { model: string } }, res: import('node:http').ServerResponse) =>
  sendJson(res, 200, completion(req.body.model, 'recovered'));

// The environment's OpenAI provider (OPENAI_API_KEY) serves every gateway without providers of its own.
describe('circuit breakers never leave a request with nothing to try', () => {
  let app: RunningServer;
  let upstream: FakeOpenAiUpstream;
  let other: FakeOpenAiUpstream;

  beforeAll(async () => {
    upstream = await new FakeOpenAiUpstream().start();
    other = await new FakeOpenAiUpstream().start();
    app = await startTestApp({
      OPENAI_API_KEY: 'sk-upstream-test',
      OPENAI_BASE_URL: upstream.baseUrl,
    });
  });
  afterAll(async () => {
    await app?.close();
    await Promise.all([upstream?.stop(), other?.stop()]);
  });
  beforeEach(() => {
    upstream.requests.length = 0;
    other.requests.length = 0;
    other.behaviour = healthy;
  });

  async function envGateway(name: string) {
    const userId = (await api(app.url, 'POST', '/auth/join')).body.id as string;
    const gw = (await api(app.url, 'POST', '/gateway/create', { userId, body: { name } })).body;
    const put = await api(app.url, 'PUT', `/gateway/${gw.gateway_id}/routing`, {
      userId,
      body: { breaker: { failure_threshold: 2, cooldown_ms: 600_000 } },
    });
    expect(put.status).toBe(200);
    const client = new OpenAI({ baseURL: `${app.url}/v1`, apiKey: gw.secret, maxRetries: 0 });
    return { userId, gatewayId: gw.gateway_id as string, client };
  }

  const ask = (client: OpenAI) =>
    client.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })
      .withResponse();

  const breakerOf = async (g: { userId: string; gatewayId: string }) => {
    const res = await api(app.url, 'GET', `/gateway/${g.gatewayId}/providers/health`, {
      userId: g.userId,
    });
    return (res.body.providers as { provider: string; state: string }[]).find(
      (p) => p.provider === 'openai',
    )?.state;
  };

  it('sends the request to the only provider although its breaker is open, and a success closes it', async () => {
    const tenant = await envGateway('only-provider');
    upstream.behaviour = failing;
    for (let i = 0; i < 2; i++) {
      const err = (await ask(tenant.client).catch((e: unknown) => e)) as ApiError;
      expect(err.status).toBe(500);
    }
    expect(await breakerOf(tenant)).toBe('open');

    // Still failing: the client gets the provider's own error (not a 503 from the gateway), flagged.
    const still = (await ask(tenant.client).catch((e: unknown) => e)) as ApiError;
    expect(still.status).toBe(500);
    expect(still.headers?.get('x-gateway-breaker')).toBe('open-bypassed');
    expect(upstream.requests).toHaveLength(3);

    upstream.behaviour = healthy;
    const { data, response } = await ask(tenant.client);
    expect(response.status).toBe(200);
    expect(data.choices[0].message.content).toBe('recovered');
    expect(response.headers.get('x-gateway-breaker')).toBe('open-bypassed');
    expect(await breakerOf(tenant)).toBe('closed');

    const next = await ask(tenant.client);
    expect(next.response.headers.get('x-gateway-breaker')).toBeNull();
  });

  it("does not let one tenant's failures open the environment provider for another", async () => {
    const noisy = await envGateway('noisy');
    const quiet = await envGateway('quiet');
    upstream.behaviour = failing;
    for (let i = 0; i < 2; i++) await ask(noisy.client).catch(() => undefined);
    expect(await breakerOf(noisy)).toBe('open');
    expect(await breakerOf(quiet)).toBe('closed');

    upstream.behaviour = healthy;
    const { response } = await ask(quiet.client);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-gateway-breaker')).toBeNull();
  });

  it('with two providers of its own, skips the open one for the other (no bypass)', async () => {
    upstream.behaviour = failing;
    const userId = (await api(app.url, 'POST', '/auth/join')).body.id as string;
    const gw = (await api(app.url, 'POST', '/gateway/create', { userId, body: { name: 'two' } }))
      .body;
    await api(app.url, 'PUT', `/gateway/${gw.gateway_id}/routing`, {
      userId,
      body: { breaker: { failure_threshold: 1, cooldown_ms: 600_000 } },
    });
    for (const [name, base, priority] of [
      ['primary', upstream.baseUrl, 10],
      ['backup', other.baseUrl, 1],
    ] as const) {
      const res = await api(app.url, 'POST', `/gateway/${gw.gateway_id}/providers`, {
        userId,
        body: { provider: 'openai', name, api_key: 'sk-upstream-test', base_url: base, priority },
      });
      expect(res.status).toBe(201);
    }
    const client = new OpenAI({ baseURL: `${app.url}/v1`, apiKey: gw.secret, maxRetries: 0 });
    await ask(client); // primary fails (opens), backup answers
    expect(upstream.requests).toHaveLength(1);
    const { data, response } = await ask(client);
    expect(data.choices[0].message.content).toBe('recovered');
    expect(response.headers.get('x-gateway-breaker')).toBeNull();
    expect(response.headers.get('x-gateway-attempts')).toBe('1');
    expect(upstream.requests).toHaveLength(1);
  });
});
