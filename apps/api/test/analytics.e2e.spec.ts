import OpenAI from 'openai';
import { ModelCatalog } from '@gateway/routing';
import type { RunningServer } from '../src/server';
import { FakeOpenAiUpstream, sendJson, streamChunks } from './support/fake-openai-upstream';
import { api, startTestApp } from './support/test-app';

async function eventually<T>(
  fn: () => Promise<T>,
  ok: (v: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('analytics: every proxied request recorded in ClickHouse (chDB)', () => {
  let app: RunningServer;
  let upstream: FakeOpenAiUpstream;
  let userId: string;
  let gatewayId: string;
  let client: OpenAI;

  beforeAll(async () => {
    upstream = await new FakeOpenAiUpstream().start();
    app = await startTestApp({
      OPENAI_API_KEY: 'sk-upstream-test',
      OPENAI_BASE_URL: upstream.baseUrl,
    });
    userId = (await api(app.url, 'POST', '/auth/join')).body.id;
    const gw = await api(app.url, 'POST', '/gateway/create', {
      userId,
      body: { name: 'analytics' },
    });
    gatewayId = gw.body.gateway_id;
    client = new OpenAI({ baseURL: `${app.url}/v1`, apiKey: gw.body.secret, maxRetries: 0 });
  });
  afterAll(async () => {
    await app?.close();
    await upstream?.stop();
  });

  it('shows requests in the seed analytics response within 2 s with the right tokens and cost', async () => {
    const live: string[] = [];
    const controller = new AbortController();
    const sse = await fetch(`${app.url}/analytics/gateway/${gatewayId}/live?user_id=${userId}`, {
      signal: controller.signal,
    });
    expect(sse.headers.get('content-type')).toContain('text/event-stream');
    const reader = sse.body!.getReader();
    const reading = (async () => {
      const dec = new TextDecoder();
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          live.push(dec.decode(value));
        }
      } catch {
        // aborted at the end of the test
      }
    })();

    const started = Date.now();
    for (let i = 0; i < 3; i++) {
      await client.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'hi' }],
      });
    }
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    for await (const _ of stream) {
      // drain
    }
    upstream.behaviour = (_req, res) =>
      sendJson(res, 500, { error: { message: 'boom', type: 'server_error' } });
    await client.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })
      .catch(() => undefined);

    const summary = await eventually(
      () =>
        api(app.url, 'GET', `/analytics/gateway/${gatewayId}?days=1&include_logs=true`, { userId }),
      (r) => r.body?.summary?.total_requests === 5,
      2000 - (Date.now() - started) + 1000,
    );
    const s = summary.body;
    const pricing = ModelCatalog.load().resolve('gpt-4o-mini').entry.pricing;
    // Non-stream: 11 prompt (3 cached) + 7 completion; stream: 9 prompt + 3 completion; the error: none.
    const expectedCost =
      3 * (8 * pricing.input! + 3 * pricing.cachedInput! + 7 * pricing.output!) +
      (9 * pricing.input! + 3 * pricing.output!);
    expect(s.gateway_id).toBe(gatewayId);
    expect(s.summary).toMatchObject({
      total_requests: 5,
      tokens_in: 3 * 11 + 9,
      tokens_out: 3 * 7 + 3,
      total_tokens: 42 + 24,
      error_count: 1,
    });
    expect(s.summary.total_cost).toBeCloseTo(expectedCost, 9);
    expect(s.summary.error_rate).toBeCloseTo(20, 6);
    expect(s.summary.success_rate).toBeCloseTo(80, 6);
    expect(s.model_breakdown['gpt-4o-mini'].requests).toBe(5);
    expect(s.daily_stats).toHaveLength(1);
    expect(s.logs).toHaveLength(5);
    const failed = s.logs.find((l: { status: string }) => l.status === 'error');
    expect(failed).toMatchObject({
      http_status_code: 500,
      provider: 'openai',
      endpoint: '/v1/chat/completions',
    });
    expect(failed.error_message).toContain('boom');
    const streamed = s.logs.find((l: { request_type: string }) => l.request_type === 'stream');
    expect(streamed).toMatchObject({ tokens_prompt: 9, tokens_completion: 3 });

    await eventually(
      async () => live.join(''),
      (t) => (t.match(/event: request/g) ?? []).length === 5,
    );
    controller.abort();
    await reading;
    const events = live.join('').match(/event: request\ndata: (.*)\n/g)!;
    expect(events).toHaveLength(5);
    expect(JSON.parse(events[0].split('data: ')[1])).toMatchObject({
      gateway_id: gatewayId,
      status: 200,
      tokens_in: 11,
    });
  });

  it('serves time series, breakdowns, filtered logs with cursors and exports', async () => {
    const from = new Date(Date.now() - 3600_000).toISOString();
    const to = new Date(Date.now() + 60_000).toISOString();
    const ts = await api(
      app.url,
      'GET',
      `/analytics/gateway/${gatewayId}/timeseries?from=${from}&to=${to}&granularity=minute`,
      { userId },
    );
    expect(ts.status).toBe(200);
    expect(ts.body.points.reduce((n: number, p: { requests: number }) => n + p.requests, 0)).toBe(
      5,
    );

    const byStatus = await api(
      app.url,
      'GET',
      `/analytics/gateway/${gatewayId}/breakdown?by=status&from=${from}&to=${to}`,
      { userId },
    );
    expect(
      Object.fromEntries(
        byStatus.body.rows.map((r: { key: string; requests: number }) => [r.key, r.requests]),
      ),
    ).toEqual({ '200': 4, '500': 1 });

    const page1 = await api(app.url, 'GET', `/analytics/gateway/${gatewayId}/logs?limit=3`, {
      userId,
    });
    expect(page1.body.items).toHaveLength(3);
    const page2 = await api(
      app.url,
      'GET',
      `/analytics/gateway/${gatewayId}/logs?limit=3&cursor=${encodeURIComponent(page1.body.next_cursor)}`,
      { userId },
    );
    expect(page2.body.items).toHaveLength(2);
    expect(page2.body.next_cursor).toBeNull();
    const errors = await api(app.url, 'GET', `/analytics/gateway/${gatewayId}/logs?status=error`, {
      userId,
    });
    expect(errors.body.items.map((r: { status: number }) => r.status)).toEqual([500]);
    const detail = await api(
      app.url,
      'GET',
      `/analytics/gateway/${gatewayId}/logs/${errors.body.items[0].request_id}`,
      { userId },
    );
    expect(detail.body).toMatchObject({ status: 500, request_body: null });

    const csv = await fetch(
      `${app.url}/analytics/gateway/${gatewayId}/export?format=csv&from=${from}&to=${to}`,
      { headers: { 'x-user-id': userId } },
    );
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect((await csv.text()).trim().split(/\r?\n/)).toHaveLength(6);
    const json = await fetch(
      `${app.url}/analytics/gateway/${gatewayId}/export?format=json&from=${from}&to=${to}`,
      { headers: { 'x-user-id': userId } },
    );
    expect(((await json.json()) as unknown[]).length).toBe(5);
  });

  it('stores bodies only when the owner turns body logging on, and never the secret', async () => {
    upstream.behaviour = (req, res) =>
      sendJson(res, 200, {
        id: 'chatcmpl-b',
        object: 'chat.completion',
        created: 1,
        model: req.body.model,
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: 'logged answer' },
            finish_reason: 'stop',
          },
        ],
        usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
      });
    const off = await client.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'secret prompt A' }] })
      .withResponse();
    const settings = await api(app.url, 'PATCH', `/gateway/${gatewayId}/settings`, {
      userId,
      body: { log_bodies: true },
    });
    expect(settings.body).toMatchObject({ log_bodies: true, body_log_max_bytes: 65536 });
    const on = await client.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'prompt B' }] })
      .withResponse();
    upstream.behaviour = (req, res) =>
      streamChunks(res, req.body.model, ['streamed', ' answer'], 0, true);
    const streamed = await client.chat.completions
      .create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'prompt C' }],
        stream: true,
      })
      .withResponse();
    for await (const _ of streamed.data) {
      // drain
    }
    await api(app.url, 'PATCH', `/gateway/${gatewayId}/settings`, {
      userId,
      body: { log_bodies: false },
    });

    const detail = (id: string) =>
      eventually(
        () => api(app.url, 'GET', `/analytics/gateway/${gatewayId}/logs/${id}`, { userId }),
        (r) => r.status === 200,
      );
    const offRow = await detail(off.response.headers.get('x-gateway-request-id')!);
    expect(offRow.body.request_body).toBeNull();
    expect(offRow.body.response_body).toBeNull();
    const onRow = await detail(on.response.headers.get('x-gateway-request-id')!);
    expect(JSON.parse(onRow.body.request_body).messages[0].content).toBe('prompt B');
    expect(onRow.body.response_body).toContain('logged answer');
    const streamRow = await detail(streamed.response.headers.get('x-gateway-request-id')!);
    expect(streamRow.body.response_body).toContain('"content":"streamed"');
    expect(streamRow.body.response_body).toContain('data: [DONE]');

    const exported = await fetch(`${app.url}/analytics/gateway/${gatewayId}/export?format=json`, {
      headers: { 'x-user-id': userId },
    });
    const text = await exported.text();
    const { secret } = (await api(app.url, 'GET', `/gateway/${gatewayId}/credentials`, { userId }))
      .body;
    expect(text).not.toContain(secret);
    expect(text).not.toContain('secret prompt A');
  });

  it('answers 404 to another user and 400 to a bad parameter', async () => {
    const stranger = (await api(app.url, 'POST', '/auth/join')).body.id;
    expect(
      (await api(app.url, 'GET', `/analytics/gateway/${gatewayId}?days=7`, { userId: stranger }))
        .status,
    ).toBe(404);
    expect(
      (await api(app.url, 'GET', `/analytics/gateway/${gatewayId}/logs`, { userId: stranger }))
        .status,
    ).toBe(404);
    const bad = await api(
      app.url,
      'GET',
      `/analytics/gateway/${gatewayId}/timeseries?granularity=week`,
      { userId },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^granularity/);
  });
});
