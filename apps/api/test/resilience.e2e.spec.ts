import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import type { RunningServer } from '../src/server';
import { FakeOpenAiUpstream, completion, sendJson } from './support/fake-openai-upstream';
import { FakeProviders } from './support/fake-providers';
import { api, startTestApp } from './support/test-app';

// Fault-injecting upstreams behind one gateway with two providers of its own (bring your own key).
describe('resilient routing through the proxy', () => {
  let app: RunningServer;
  let primary: FakeOpenAiUpstream;
  let backup: FakeOpenAiUpstream;
  let families: FakeProviders;

  beforeAll(async () => {
    primary = await new FakeOpenAiUpstream().start();
    backup = await new FakeOpenAiUpstream().start();
    families = await new FakeProviders().start();
    app = await startTestApp(families.env());
  });
  afterAll(async () => {
    await app?.close();
    await Promise.all([primary?.stop(), backup?.stop(), families?.stop()]);
  });
  beforeEach(() => {
    primary.requests.length = 0;
    backup.requests.length = 0;
    backup.behaviour = (req, res) => sendJson(res, 200, completion(req.body.model, 'from backup'));
  });

  async function gatewayWithTwoProviders(primaryExtra: Record<string, unknown> = {}) {
    const userId = (await api(app.url, 'POST', '/auth/join')).body.id;
    const gw = (await api(app.url, 'POST', '/gateway/create', { userId, body: { name: 'ha' } }))
      .body;
    const add = (body: Record<string, unknown>) =>
      api(app.url, 'POST', `/gateway/${gw.gateway_id}/providers`, {
        userId,
        body: { provider: 'openai', api_key: 'sk-upstream-test', ...body },
      });
    const p1 = await add({
      name: 'primary',
      base_url: primary.baseUrl,
      priority: 10,
      ...primaryExtra,
    });
    expect(p1.status).toBe(201);
    const p2 = await add({ name: 'backup', base_url: backup.baseUrl, priority: 1 });
    expect(p2.status).toBe(201);
    const client = new OpenAI({ baseURL: `${app.url}/v1`, apiKey: gw.secret, maxRetries: 0 });
    return { userId, gatewayId: gw.gateway_id as string, secret: gw.secret as string, client };
  }

  const ask = (client: OpenAI) =>
    client.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })
      .withResponse();

  it.each([
    [
      'a 500',
      (_req: unknown, res: import('node:http').ServerResponse) =>
        sendJson(res, 500, { error: { message: 'boom' } }),
    ],
    [
      'a 429 with retry-after',
      (_req: unknown, res: import('node:http').ServerResponse) =>
        sendJson(res, 429, { error: { message: 'slow down' } }, { 'retry-after': '30' }),
    ],
  ])('answers from the second provider when the first returns %s', async (_name, failing) => {
    primary.behaviour = failing;
    const { client } = await gatewayWithTwoProviders();
    const { data, response } = await ask(client);
    expect(data.choices[0].message.content).toBe('from backup');
    expect(response.headers.get('x-gateway-attempts')).toBe('2');
    expect(primary.requests).toHaveLength(1);
    expect(backup.requests).toHaveLength(1);
  });

  it('falls over on a refused connection and on a timeout', async () => {
    const refused = await gatewayWithTwoProviders({ base_url: 'http://127.0.0.1:9/v1' });
    expect((await ask(refused.client)).data.choices[0].message.content).toBe('from backup');

    primary.behaviour = () => undefined; // never answers
    const slow = await gatewayWithTwoProviders({ timeout_ms: 300 });
    expect((await ask(slow.client)).data.choices[0].message.content).toBe('from backup');
  });

  it('never falls over on a client error (4xx other than 429)', async () => {
    primary.behaviour = (_req, res) =>
      sendJson(res, 400, { error: { message: 'bad tool schema', type: 'invalid_request_error' } });
    const { client } = await gatewayWithTwoProviders();
    const err = (await ask(client).catch((e: unknown) => e)) as InstanceType<
      typeof OpenAI.APIError
    >;
    expect(err.status).toBe(400);
    expect(err.message).toContain('bad tool schema');
    expect(backup.requests).toHaveLength(0);
  });

  it('does not fall over once a stream has started: the client sees the cut', async () => {
    primary.behaviour = (req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(
        `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: req.body.model, choices: [{ index: 0, delta: { content: 'partial' }, finish_reason: null }] })}\n\n`,
      );
      setTimeout(() => res.destroy(), 20);
    };
    const { client } = await gatewayWithTwoProviders();
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const c of stream) seen.push(c.choices[0]?.delta?.content ?? '');
      })(),
    ).rejects.toThrow();
    expect(seen.join('')).toBe('partial');
    expect(backup.requests).toHaveLength(0);
  });

  it('opens the breaker after repeated failures, skips the provider, and shows it through the API', async () => {
    primary.behaviour = (_req, res) => sendJson(res, 503, { error: { message: 'down' } });
    const { client, userId, gatewayId } = await gatewayWithTwoProviders();
    for (let i = 0; i < 5; i++)
      expect((await ask(client)).data.choices[0].message.content).toBe('from backup');
    expect(primary.requests).toHaveLength(5);
    await ask(client);
    expect(primary.requests).toHaveLength(5); // skipped while open
    const health = await api(app.url, 'GET', `/gateway/${gatewayId}/providers/health`, { userId });
    const states = Object.fromEntries(
      health.body.providers.map((h: { name: string; state: string }) => [h.name, h.state]),
    );
    expect(states).toEqual({ primary: 'open', backup: 'closed' });
  });

  it('falls back to another model of another API family, converting the format', async () => {
    primary.behaviour = (_req, res) => sendJson(res, 500, { error: { message: 'boom' } });
    const userId = (await api(app.url, 'POST', '/auth/join')).body.id;
    const gw = (
      await api(app.url, 'POST', '/gateway/create', { userId, body: { name: 'fallback' } })
    ).body;
    await api(app.url, 'POST', `/gateway/${gw.gateway_id}/providers`, {
      userId,
      body: {
        provider: 'openai',
        name: 'openai',
        api_key: 'sk-upstream-test',
        base_url: primary.baseUrl,
      },
    });
    await api(app.url, 'POST', `/gateway/${gw.gateway_id}/providers`, {
      userId,
      body: { provider: 'anthropic', name: 'claude', ...anthropicCredentials(families) },
    });
    const put = await api(app.url, 'PUT', `/gateway/${gw.gateway_id}/routing`, {
      userId,
      body: { model_fallbacks: { 'gpt-4o-mini': ['claude-sonnet-4-6'] } },
    });
    expect(put.status).toBe(200);
    const client = new OpenAI({ baseURL: `${app.url}/v1`, apiKey: gw.secret, maxRetries: 0 });
    const { data, response } = await ask(client);
    expect(data.choices[0].message.content).toBe('Hello from anthropic');
    expect(response.headers.get('x-gateway-provider')).toBe('anthropic');
    expect(response.headers.get('x-gateway-model')).toBe('claude-sonnet-4-6');
  });

  describe('gateway keys', () => {
    async function gatewayWithKey(body: Record<string, unknown>) {
      const userId = (await api(app.url, 'POST', '/auth/join')).body.id;
      const gw = (await api(app.url, 'POST', '/gateway/create', { userId, body: { name: 'keys' } }))
        .body;
      await api(app.url, 'POST', `/gateway/${gw.gateway_id}/providers`, {
        userId,
        body: {
          provider: 'openai',
          name: 'backup',
          api_key: 'sk-upstream-test',
          base_url: backup.baseUrl,
        },
      });
      const key = await api(app.url, 'POST', `/gateway/${gw.gateway_id}/keys`, {
        userId,
        body: { name: 'app', ...body },
      });
      expect(key.status).toBe(201);
      return { key: key.body.key as string, gatewayId: gw.gateway_id as string, userId };
    }

    it('answers exactly N requests under an rpm limit, then 429 in the client’s own format', async () => {
      const { key, gatewayId, userId } = await gatewayWithKey({ limits: { rpm: 3 } });
      const client = new OpenAI({ baseURL: `${app.url}/v1`, apiKey: key, maxRetries: 0 });
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const r = await ask(client).then(
          () => 200,
          (e: InstanceType<typeof OpenAI.APIError>) => e.status ?? 0,
        );
        statuses.push(r);
      }
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      const err = (await ask(client).catch((e: unknown) => e)) as InstanceType<
        typeof OpenAI.APIError
      >;
      expect(Number(err.headers?.get('retry-after'))).toBeGreaterThan(0);
      expect(err.headers?.get('x-ratelimit-limit-requests')).toBe('3');
      const anthropic = new Anthropic({ baseURL: app.url, apiKey: key, maxRetries: 0 });
      const aErr = (await anthropic.messages
        .create({
          model: 'gpt-4o-mini',
          max_tokens: 10,
          messages: [{ role: 'user', content: 'hi' }],
        })
        .catch((e: unknown) => e)) as InstanceType<typeof Anthropic.APIError>;
      expect(aErr).toBeInstanceOf(Anthropic.RateLimitError);
      expect((aErr.error as { type: string }).type).toBe('error');
      // Requests made with the key are recorded under it.
      const logs = await api(app.url, 'GET', `/analytics/gateway/${gatewayId}/breakdown?by=key`, {
        userId,
      });
      expect(logs.status).toBe(200);
    });

    it('injects the key’s system prompt and caps the output tokens when the client sent none', async () => {
      const { key } = await gatewayWithKey({
        system_prompt: 'Answer in French.',
        limits: { max_tokens_per_request: 64 },
      });
      const client = new OpenAI({ baseURL: `${app.url}/v1`, apiKey: key, maxRetries: 0 });
      await ask(client);
      const sent = backup.requests.at(-1)!.body;
      expect(sent.messages[0]).toEqual({ role: 'system', content: 'Answer in French.' });
      // OpenAI's reasoning models reject max_tokens: the cap goes in max_completion_tokens.
      expect(sent.max_completion_tokens).toBe(64);
      expect(sent.max_tokens).toBeUndefined();
      const over = (await client.chat.completions
        .create({
          model: 'gpt-4o-mini',
          max_tokens: 1000,
          messages: [{ role: 'user', content: 'hi' }],
        })
        .catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
      expect(over.status).toBe(400);
    });

    it('refuses a request that would exceed the daily budget before sending it', async () => {
      const { key } = await gatewayWithKey({ limits: { budget_usd_per_day: 0.000001 } });
      const client = new OpenAI({ baseURL: `${app.url}/v1`, apiKey: key, maxRetries: 0 });
      const before = backup.requests.length;
      const err = (await client.chat.completions
        .create({
          model: 'gpt-4o-mini',
          max_tokens: 4000,
          messages: [{ role: 'user', content: 'hi' }],
        })
        .catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
      expect(err.status).toBe(429);
      expect(backup.requests.length).toBe(before);
    });

    it('rejects a model the key may not use', async () => {
      const { key } = await gatewayWithKey({ allowed_models: ['gpt-4o'] });
      const client = new OpenAI({ baseURL: `${app.url}/v1`, apiKey: key, maxRetries: 0 });
      const err = (await ask(client).catch((e: unknown) => e)) as InstanceType<
        typeof OpenAI.APIError
      >;
      expect(err.status).toBe(403);
    });
  });
});

function anthropicCredentials(f: FakeProviders): { api_key: string; base_url: string } {
  const env = f.env();
  return { api_key: env.ANTHROPIC_API_KEY, base_url: env.ANTHROPIC_BASE_URL };
}
