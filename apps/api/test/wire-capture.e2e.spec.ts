// The wire view: with `x-gateway-debug: wire` and the gateway secret, the gateway keeps what it sent
// upstream and what came back (credentials masked) for the dashboard, without changing the answer.
import OpenAI from 'openai';
import type { WireExchange } from '@gateway/contracts';
import type { RunningServer } from '../src/server';
import { FAKE_KEYS, FakeProviders } from './support/fake-providers';
import { api, startTestApp } from './support/test-app';

const WIRE = { 'x-gateway-debug': 'wire' };
const CLAUDE = 'claude-sonnet-4-5';

describe('wire capture (x-gateway-debug: wire)', () => {
  let app: RunningServer;
  let fake: FakeProviders;
  let userId: string;
  let gatewayId: string;
  let secret: string;
  let client: OpenAI;

  beforeAll(async () => {
    fake = await new FakeProviders().start();
    app = await startTestApp(fake.env());
    userId = (await api(app.url, 'POST', '/auth/join')).body.id;
    const gw = await api(app.url, 'POST', '/gateway/create', { userId, body: { name: 'wire' } });
    gatewayId = gw.body.gateway_id;
    secret = gw.body.secret;
    client = new OpenAI({ baseURL: `${app.url}/v1`, apiKey: secret, maxRetries: 0 });
  });
  afterAll(async () => {
    await app?.close();
    await fake?.stop();
  });
  beforeEach(() => fake.reset());

  const readWire = (requestId: string, asUser = userId) =>
    api<WireExchange>(app.url, 'GET', `/gateway/${gatewayId}/wire/${requestId}`, {
      userId: asUser,
    });

  it('shows the OpenAI SDK request converted to Anthropic Messages and the raw SSE answer', async () => {
    const { data: stream, response } = await client.chat.completions
      .create(
        {
          model: CLAUDE,
          stream: true,
          max_tokens: 64,
          messages: [
            { role: 'system', content: 'Be brief.' },
            { role: 'user', content: 'Hello?' },
          ],
        },
        { headers: WIRE },
      )
      .withResponse();
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('Hello from anthropic');
    const requestId = response.headers.get('x-gateway-request-id')!;

    const wire = await readWire(requestId);
    expect(wire.status).toBe(200);
    expect(wire.body).toMatchObject({
      request_id: requestId,
      endpoint: '/v1/chat/completions',
      client_format: 'openai-chat',
      upstream_format: 'anthropic-messages',
      requested_model: CLAUDE,
      stream: true,
    });
    expect(wire.body.attempts).toHaveLength(1);
    const [attempt] = wire.body.attempts;
    expect(attempt.provider).toBe('anthropic');
    expect(attempt.error).toBeNull();

    // The converted request, in Anthropic's shape, as the fake upstream received it.
    expect(attempt.request.url).toBe(`${fake.root}/v1/messages`);
    expect(attempt.request.headers['x-api-key']).toBe('••••');
    expect(attempt.request.headers['anthropic-version']).toBeTruthy();
    const sent = JSON.parse(attempt.request.body.text!);
    expect(sent).toEqual(fake.last('anthropic')!.body);
    expect(sent).toMatchObject({
      model: expect.stringMatching(/^claude-sonnet-4-5/),
      system: expect.anything(),
      max_tokens: 64,
      stream: true,
      messages: [{ role: 'user', content: expect.anything() }],
    });
    expect(attempt.request.body).toMatchObject({
      content_type: 'application/json',
      truncated: false,
    });

    // The raw answer: Anthropic's SSE events, in the pieces they arrived in.
    const answer = attempt.response!;
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toContain('text/event-stream');
    expect(answer.chunks.length).toBeGreaterThan(0);
    expect(answer.chunks.map((c) => c.text).join('')).toBe(answer.body.text);
    expect(answer.body.text).toContain('event: message_start');
    expect(answer.body.text).toContain('"type":"text_delta"');
    expect(answer.body.text).toContain('event: message_stop');
    expect(answer.body.bytes).toBe(Buffer.byteLength(answer.body.text!));
    expect(answer.chunks.every((c) => c.at_ms >= 0)).toBe(true);
    expect(attempt.duration_ms).toBeGreaterThanOrEqual(0);

    // No credential of any kind in the capture.
    const all = JSON.stringify(wire.body);
    expect(all).not.toContain(FAKE_KEYS.anthropic);
    expect(all).not.toContain(secret);
  });

  it('captures a non-streamed answer and leaves the client the same bytes', async () => {
    const body = JSON.stringify({
      model: CLAUDE,
      max_tokens: 32,
      messages: [{ role: 'user', content: 'Hi' }],
    });
    const send = (headers: Record<string, string>) =>
      fetch(`${app.url}/v1/chat/completions`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${secret}`,
          'content-type': 'application/json',
          ...headers,
        },
        body,
      });
    const plain = await send({});
    const debugged = await send(WIRE);
    // Only the ids and timestamps the gateway mints per request differ.
    const normal = (text: string, id: string) =>
      text.replaceAll(id, 'ID').replace(/"created":\d+/g, '"created":0');
    const [plainText, debugText] = [await plain.text(), await debugged.text()];
    expect(normal(debugText, debugged.headers.get('x-gateway-request-id')!)).toBe(
      normal(plainText, plain.headers.get('x-gateway-request-id')!),
    );
    expect(debugged.headers.get('content-length')).toBe(plain.headers.get('content-length'));

    const wire = await readWire(debugged.headers.get('x-gateway-request-id')!);
    expect(wire.status).toBe(200);
    const answer = wire.body.attempts[0].response!;
    expect(answer.headers['content-type']).toContain('application/json');
    expect(JSON.parse(answer.body.text!)).toMatchObject({ type: 'message', role: 'assistant' });
    expect(JSON.parse(wire.body.attempts[0].request.body.text!).stream).toBeUndefined();

    // Without the header nothing is kept.
    const none = await api(
      app.url,
      'GET',
      `/gateway/${gatewayId}/wire/${plain.headers.get('x-gateway-request-id')}`,
      { userId },
    );
    expect(none.status).toBe(404);
    expect(none.body.error.message).toContain('x-gateway-debug: wire');
  });

  it('masks a provider key down to its last 4 characters and records a failed attempt', async () => {
    const longKey = 'sk-ant-api03-0123456789abcdefWXYZ';
    await api(app.url, 'POST', `/gateway/${gatewayId}/providers`, {
      userId,
      body: { provider: 'anthropic', name: 'own', api_key: longKey, base_url: fake.root },
    });
    fake.intercept = (req, res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ type: 'error', error: { type: 'authentication_error' } }));
      return true;
    };
    const res = await fetch(`${app.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json', ...WIRE },
      body: JSON.stringify({ model: CLAUDE, messages: [{ role: 'user', content: 'Hi' }] }),
    });
    expect(res.status).toBe(401);
    const wire = await readWire(res.headers.get('x-gateway-request-id')!);
    const [attempt] = wire.body.attempts;
    expect(attempt.request.headers['x-api-key']).toBe('••••WXYZ');
    expect(attempt.response).toMatchObject({ status: 401 });
    expect(attempt.response!.body.text).toContain('authentication_error');
    expect(JSON.stringify(wire.body)).not.toContain(longKey);
    const providers = await api(app.url, 'GET', `/gateway/${gatewayId}/providers`, { userId });
    for (const p of providers.body.providers)
      await api(app.url, 'DELETE', `/gateway/${gatewayId}/providers/${p.id}`, { userId });
  });

  it('keeps a request the gateway answered itself, with no upstream attempt', async () => {
    const res = await fetch(`${app.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json', ...WIRE },
      body: JSON.stringify({
        model: 'no-such-model-xyz',
        messages: [{ role: 'user', content: 'Hi' }],
      }),
    });
    expect(res.status).toBe(404);
    const wire = await readWire(res.headers.get('x-gateway-request-id')!);
    expect(wire.status).toBe(200);
    expect(wire.body).toMatchObject({ requested_model: 'no-such-model-xyz', attempts: [] });
  });

  it('ignores the header from a gateway key and answers 404 to another user', async () => {
    const key = await api(app.url, 'POST', `/gateway/${gatewayId}/keys`, {
      userId,
      body: { name: 'app' },
    });
    expect(key.status).toBe(201);
    const viaKey = await client.chat.completions
      .create(
        { model: CLAUDE, messages: [{ role: 'user', content: 'Hi' }] },
        { headers: { ...WIRE, authorization: `Bearer ${key.body.key}` } },
      )
      .withResponse();
    expect(viaKey.data.choices[0].message.content).toBe('Hello from anthropic');
    expect((await readWire(viaKey.response.headers.get('x-gateway-request-id')!)).status).toBe(404);

    const viaSecret = await client.chat.completions
      .create({ model: CLAUDE, messages: [{ role: 'user', content: 'Hi' }] }, { headers: WIRE })
      .withResponse();
    const requestId = viaSecret.response.headers.get('x-gateway-request-id')!;
    expect((await readWire(requestId)).status).toBe(200);
    const stranger = (await api(app.url, 'POST', '/auth/join')).body.id;
    expect((await readWire(requestId, stranger)).status).toBe(404);
    expect((await api(app.url, 'GET', `/gateway/${gatewayId}/wire/${requestId}`)).status).toBe(401);
  });
});
