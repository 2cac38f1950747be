import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { startChildServer, type ChildServer } from './support/child-server';
import {
  FakeOpenAiUpstream,
  completion,
  sendJson,
  streamChunks,
} from './support/fake-openai-upstream';
import { OtlpReceiver, type ReceivedSpan } from './support/otlp-receiver';
import { api } from './support/test-app';

const SERVER = 2;
const CLIENT = 3;
const ERROR = 2;

/** A client-side trace context, as an instrumented application sends it. */
function clientContext() {
  const traceId = randomBytes(16).toString('hex');
  const spanId = randomBytes(8).toString('hex');
  return { traceId, spanId, traceparent: `00-${traceId}-${spanId}-01` };
}

/**
 * The built product (`node dist/main.js`): the OTLP exporters load Node's http module with import(),
 * which jest's module sandbox cannot run in-process.
 */
function startGateway(env: Record<string, string>): Promise<ChildServer> {
  return startChildServer({
    DATABASE_URL: process.env.DATABASE_URL ?? '',
    ...(process.env.CLICKHOUSE_URL ? { CLICKHOUSE_URL: process.env.CLICKHOUSE_URL } : {}),
    DATA_DIR: mkdtempSync(join(tmpdir(), 'gw-trace-')),
    ENCRYPTION_KEY: 'e'.repeat(64),
    ...env,
  });
}

async function gateway(app: {
  url: string;
}): Promise<{ id: string; secret: string; userId: string }> {
  const user = await api<{ id: string }>(app.url, 'POST', '/auth/join');
  const gw = await api<{ gateway_id: string; secret: string }>(app.url, 'POST', '/gateway/create', {
    userId: user.body.id,
    body: { name: 'traced' },
  });
  return { id: gw.body.gateway_id, secret: gw.body.secret, userId: user.body.id };
}

const byKind = (spans: ReceivedSpan[], kind: number) => spans.filter((s) => s.kind === kind);

describe('OpenTelemetry traces', () => {
  let upstream: FakeOpenAiUpstream;
  let receiver: OtlpReceiver;

  beforeAll(async () => {
    upstream = await new FakeOpenAiUpstream().start();
    receiver = await new OtlpReceiver().start();
  });
  afterAll(async () => {
    await upstream?.stop();
    await receiver?.stop();
  });

  const env = (protocol: string): Record<string, string> => ({
    OPENAI_API_KEY: 'sk-upstream-test',
    OPENAI_BASE_URL: upstream.baseUrl,
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
    OTEL_EXPORTER_OTLP_PROTOCOL: protocol,
    OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer%20collector-token',
    OTEL_SERVICE_NAME: 'gateway-under-test',
    OTEL_BSP_SCHEDULE_DELAY: '50',
  });

  describe('over OTLP/HTTP JSON', () => {
    let app: ChildServer;
    let gw: { id: string; secret: string; userId: string };
    let client: OpenAI;

    beforeAll(async () => {
      app = await startGateway(env('http/json'));
      gw = await gateway(app);
      client = new OpenAI({ baseURL: `${app.url}/v1`, apiKey: gw.secret, maxRetries: 0 });
    });
    afterAll(() => app?.stop());

    it('continues the client’s trace: a GenAI server span, a client span per attempt, its context upstream', async () => {
      upstream.behaviour = (req, res) =>
        sendJson(res, 200, completion(req.body.model, 'Hello from fake'));
      const ctx = clientContext();
      const before = upstream.requests.length;
      const res = await client.chat.completions.create(
        { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] },
        { headers: { traceparent: ctx.traceparent, tracestate: 'vendor=abc' } },
      );
      expect(res.choices[0].message.content).toBe('Hello from fake');

      const spans = await receiver.trace(ctx.traceId, 2);
      const [server] = byKind(spans, SERVER);
      const [attempt] = byKind(spans, CLIENT);
      expect(server).toMatchObject({
        name: 'chat gpt-4o-mini',
        parentSpanId: ctx.spanId,
        statusCode: 0,
        encoding: 'application/json',
        resource: { 'service.name': 'gateway-under-test' },
      });
      expect(server.attributes).toMatchObject({
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'openai',
        'gen_ai.request.model': 'gpt-4o-mini',
        'gen_ai.response.model': 'gpt-4o-mini',
        'gen_ai.response.id': 'chatcmpl-fake1',
        'gen_ai.response.finish_reasons': ['stop'],
        'gen_ai.usage.input_tokens': 11,
        'gen_ai.usage.output_tokens': 7,
        'gen_ai.usage.cache_read.input_tokens': 3,
        'http.response.status_code': 200,
        'http.route': '/v1/chat/completions',
        'llm_gateway.gateway_id': gw.id,
        'llm_gateway.attempts': 1,
      });
      expect(server.attributes['error.type']).toBeUndefined();
      expect(attempt).toMatchObject({ name: 'chat gpt-4o-mini', parentSpanId: server.spanId });
      expect(attempt.attributes).toMatchObject({
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'openai',
        'gen_ai.request.model': 'gpt-4o-mini',
        'server.address': '127.0.0.1',
        'http.response.status_code': 200,
        'gen_ai.usage.output_tokens': 7,
      });
      // The upstream got the same trace, with the attempt's span as its parent, and the client's state.
      const sent = upstream.requests[before].headers;
      expect(sent.traceparent).toBe(`00-${ctx.traceId}-${attempt.spanId}-01`);
      expect(sent.tracestate).toBe('vendor=abc');
      // The collector headers went to the collector, and nowhere else.
      expect(receiver.posts.at(-1)?.headers.authorization).toBe('Bearer collector-token');
      expect(JSON.stringify(sent)).not.toContain('collector-token');
      // Secrets never become attributes.
      expect(JSON.stringify(spans)).not.toContain(gw.secret);
      expect(JSON.stringify(spans)).not.toContain('sk-upstream-test');
    });

    it('records a streamed answer’s usage, and one client span per retry', async () => {
      const put = await api(app.url, 'PUT', `/gateway/${gw.id}/routing`, {
        userId: gw.userId,
        body: { retry: { max_retries: 1, base_ms: 1, max_ms: 1 } },
      });
      expect(put.status).toBe(200);
      let calls = 0;
      upstream.behaviour = async (req, res) => {
        if (calls++ === 0) {
          sendJson(res, 503, { error: { message: 'overloaded', type: 'server_error' } });
          return;
        }
        await streamChunks(res, req.body.model, ['Hel', 'lo'], 0, true);
      };
      const ctx = clientContext();
      const stream = await client.chat.completions.create(
        {
          model: 'gpt-4o-mini',
          messages: [{ role: 'user', content: 'hi' }],
          stream: true,
          stream_options: { include_usage: true },
        },
        { headers: { traceparent: ctx.traceparent } },
      );
      let text = '';
      for await (const c of stream) text += c.choices[0]?.delta.content ?? '';
      expect(text).toBe('Hello');

      const spans = await receiver.trace(ctx.traceId, 3);
      const [server] = byKind(spans, SERVER);
      const attempts = byKind(spans, CLIENT).sort(
        (a, b) =>
          Number(a.attributes['llm_gateway.attempt']) - Number(b.attributes['llm_gateway.attempt']),
      );
      expect(attempts).toHaveLength(2);
      expect(attempts.every((a) => a.parentSpanId === server.spanId)).toBe(true);
      expect(attempts[0]).toMatchObject({ statusCode: ERROR });
      expect(attempts[0].attributes).toMatchObject({
        'http.response.status_code': 503,
        'error.type': '503',
      });
      expect(attempts[1].statusCode).toBe(0);
      expect(server.attributes).toMatchObject({
        'llm_gateway.attempts': 2,
        'llm_gateway.stream': true,
        'gen_ai.usage.input_tokens': 9,
        'gen_ai.usage.output_tokens': 2,
        'http.response.status_code': 200,
      });
      await api(app.url, 'PUT', `/gateway/${gw.id}/routing`, {
        userId: gw.userId,
        body: { retry: { max_retries: 0 } },
      });
    });

    it('traces a request the gateway refuses, with its error type and no upstream attempt', async () => {
      const ctx = clientContext();
      await expect(
        client.chat.completions.create(
          { model: 'no-such-model-xyz', messages: [{ role: 'user', content: 'hi' }] },
          { headers: { traceparent: ctx.traceparent } },
        ),
      ).rejects.toMatchObject({ status: 404 });
      const [server] = await receiver.trace(ctx.traceId, 1);
      expect(server).toMatchObject({ kind: SERVER, name: 'chat no-such-model-xyz', statusCode: 0 });
      expect(server.attributes).toMatchObject({
        'http.response.status_code': 404,
        'error.type': expect.any(String),
        'gen_ai.request.model': 'no-such-model-xyz',
      });
      expect(server.attributes['gen_ai.provider.name']).toBeUndefined();
      expect(receiver.spans.filter((s) => s.traceId === ctx.traceId)).toHaveLength(1);
    });

    it('starts a new trace when the client sends no traceparent', async () => {
      upstream.behaviour = (req, res) => sendJson(res, 200, completion(req.body.model, 'fresh'));
      const before = upstream.requests.length;
      const { response } = await client.chat.completions
        .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })
        .withResponse();
      expect(response.status).toBe(200);
      const traceparent = String(upstream.requests[before].headers.traceparent);
      const [, traceId, spanId] = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/.exec(traceparent) ?? [];
      expect(traceId).toBeDefined();
      const spans = await receiver.trace(traceId, 2);
      const [server] = byKind(spans, SERVER);
      expect(server.parentSpanId).toBe('');
      expect(byKind(spans, CLIENT)[0].spanId).toBe(spanId);
    });
  });

  describe('over OTLP/HTTP protobuf (the default protocol)', () => {
    it('exports the same spans, and the last ones on shutdown', async () => {
      upstream.behaviour = (req, res) => sendJson(res, 200, completion(req.body.model, 'proto'));
      // Batches every minute: what the collector gets, it gets from the flush at SIGTERM.
      const { OTEL_EXPORTER_OTLP_PROTOCOL: _default, ...rest } = env('http/protobuf');
      const app = await startGateway({ ...rest, OTEL_BSP_SCHEDULE_DELAY: '60000' });
      const ctx = clientContext();
      try {
        const gw = await gateway(app);
        const client = new OpenAI({ baseURL: `${app.url}/v1`, apiKey: gw.secret, maxRetries: 0 });
        await client.chat.completions.create(
          { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] },
          { headers: { traceparent: ctx.traceparent } },
        );
      } finally {
        expect(await app.stop()).toBe(0);
      }
      const spans = receiver.spans.filter((s) => s.traceId === ctx.traceId);
      const [server] = byKind(spans, SERVER);
      const [attempt] = byKind(spans, CLIENT);
      expect(server.encoding).toBe('application/x-protobuf');
      expect(server).toMatchObject({ name: 'chat gpt-4o-mini', parentSpanId: ctx.spanId });
      expect(server.attributes).toMatchObject({
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'openai',
        'gen_ai.request.model': 'gpt-4o-mini',
        'gen_ai.response.model': 'gpt-4o-mini',
        'gen_ai.usage.input_tokens': 11,
        'gen_ai.usage.output_tokens': 7,
        'gen_ai.response.finish_reasons': ['stop'],
      });
      expect(attempt.parentSpanId).toBe(server.spanId);
    });
  });

  describe('without OTEL_* variables', () => {
    let app: ChildServer;

    beforeAll(async () => {
      app = await startGateway({
        OPENAI_API_KEY: 'sk-upstream-test',
        OPENAI_BASE_URL: upstream.baseUrl,
      });
    });
    afterAll(() => app?.stop());

    it('exports nothing and passes the client’s trace context upstream unchanged', async () => {
      upstream.behaviour = (req, res) => sendJson(res, 200, completion(req.body.model, 'plain'));
      const gw = await gateway(app);
      const client = new OpenAI({ baseURL: `${app.url}/v1`, apiKey: gw.secret, maxRetries: 0 });
      const ctx = clientContext();
      const posts = receiver.posts.length;
      const before = upstream.requests.length;
      await client.chat.completions.create(
        { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] },
        { headers: { traceparent: ctx.traceparent, tracestate: 'vendor=abc' } },
      );
      expect(upstream.requests[before].headers.traceparent).toBe(ctx.traceparent);
      expect(upstream.requests[before].headers.tracestate).toBe('vendor=abc');
      await client.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'hi' }],
      });
      expect(upstream.requests[before + 1].headers.traceparent).toBeUndefined();
      expect(receiver.spans.filter((s) => s.traceId === ctx.traceId)).toHaveLength(0);
      expect(receiver.posts.length).toBe(posts);
    });
  });
});
