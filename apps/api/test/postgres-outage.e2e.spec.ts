import OpenAI from 'openai';
import type { RunningServer } from '../src/server';
import { FakeOpenAiUpstream } from './support/fake-openai-upstream';
import { TcpForwarder } from './support/tcp-forwarder';
import { api, startTestApp } from './support/test-app';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// The real API on the real Postgres, reached through a forwarder the test can cut: the shared
// Postgres server itself is never stopped.
describe('a Postgres outage', () => {
  let app: RunningServer;
  let upstream: FakeOpenAiUpstream;
  let forwarder: TcpForwarder;

  beforeAll(async () => {
    const real = new URL(process.env.DATABASE_URL!);
    forwarder = await new TcpForwarder(real.hostname, Number(real.port || 5432)).start();
    const viaForwarder = new URL(real.href);
    viaForwarder.hostname = '127.0.0.1';
    viaForwarder.port = String(forwarder.listenPort);
    upstream = await new FakeOpenAiUpstream().start();
    app = await startTestApp({
      DATABASE_URL: viaForwarder.href,
      OPENAI_API_KEY: 'sk-upstream-test',
      OPENAI_BASE_URL: upstream.baseUrl,
      CREDENTIALS_REFRESH_MS: '100',
      LOG_LEVEL: 'silent',
    });
  });
  afterAll(async () => {
    await app?.close();
    await upstream?.stop();
    await forwarder?.cut();
  });

  const ask = (client: OpenAI) =>
    client.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })
      .withResponse();

  it('keeps proxying from memory, answers 503 on management and /ready, and recovers', async () => {
    const userId = (await api(app.url, 'POST', '/auth/join')).body.id as string;
    const gw = (await api(app.url, 'POST', '/gateway/create', { userId, body: { name: 'pg' } }))
      .body;
    const client = new OpenAI({ baseURL: `${app.url}/v1`, apiKey: gw.secret, maxRetries: 0 });
    expect((await ask(client)).response.status).toBe(200);
    const ready = await api(app.url, 'GET', '/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({
      status: 'ok',
      checks: { postgres: 'ok', analytics: 'ok' },
    });
    expect(ready.body.checks.redis).toBeUndefined();

    await forwarder.cut();
    await sleep(300); // several failed credential refreshes: the in-memory copies must survive them

    const down = await api(app.url, 'GET', '/ready');
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({
      status: 'down',
      checks: { postgres: 'down', analytics: 'ok' },
    });
    const live = await api(app.url, 'GET', '/health');
    expect(live.status).toBe(200);
    expect(live.body).toMatchObject({ status: 'ok', database: 'down' });

    const mgmt = await api(app.url, 'GET', `/gateway/${gw.gateway_id}/keys`, { userId });
    expect(mgmt.status).toBe(503);
    expect(mgmt.body).toEqual({
      error: {
        message: expect.stringContaining('database is unavailable'),
        type: 'database_unavailable',
        code: 'database_unavailable',
      },
    });
    expect(mgmt.headers.get('retry-after')).toBe('5');

    const { data, response } = await ask(client);
    expect(response.status).toBe(200);
    expect(data.choices[0].message.content).toBeTruthy();

    await forwarder.start();
    let back = await api(app.url, 'GET', '/ready');
    for (let i = 0; i < 20 && back.status !== 200; i++) {
      await sleep(100);
      back = await api(app.url, 'GET', '/ready');
    }
    expect(back.status).toBe(200);
    expect(back.body.checks).toEqual({ postgres: 'ok', analytics: 'ok' });
    expect((await api(app.url, 'GET', '/health')).body.database).toBe('ok');
    const again = await api(app.url, 'GET', `/gateway/${gw.gateway_id}/keys`, { userId });
    expect(again.status).toBe(200);
    expect((await ask(client)).response.status).toBe(200);
  });

  it('answers previous_response_id with a 503 while Postgres is down, and serves requests without one', async () => {
    const userId = (await api(app.url, 'POST', '/auth/join')).body.id as string;
    const gw = (await api(app.url, 'POST', '/gateway/create', { userId, body: { name: 'state' } }))
      .body;
    const provider = await api(app.url, 'POST', `/gateway/${gw.gateway_id}/providers`, {
      userId,
      body: { provider: 'groq', api_key: 'sk-upstream-test', base_url: upstream.baseUrl },
    });
    expect(provider.status).toBe(201);
    const client = new OpenAI({ baseURL: `${app.url}/v1`, apiKey: gw.secret, maxRetries: 0 });
    const model = 'groq/llama-3.3-70b-versatile';
    const first = await client.responses.create({ model, input: 'hi' });
    expect((await client.responses.retrieve(first.id)).id).toBe(first.id);

    await forwarder.cut();
    await sleep(300);
    const chained = await client.responses
      .create({ model, previous_response_id: first.id, input: 'again' })
      .then(
        () => 200,
        (e: InstanceType<typeof OpenAI.APIError>) => e.status,
      );
    expect(chained).toBe(503);
    expect((await client.responses.create({ model, input: 'fresh' })).output_text).toBeTruthy();

    await forwarder.start();
    let back = await api(app.url, 'GET', '/ready');
    for (let i = 0; i < 20 && back.status !== 200; i++) {
      await sleep(100);
      back = await api(app.url, 'GET', '/ready');
    }
    const resumed = await client.responses.create({
      model,
      previous_response_id: first.id,
      input: 'again',
    });
    expect(resumed.output_text).toBeTruthy();
  });
});
