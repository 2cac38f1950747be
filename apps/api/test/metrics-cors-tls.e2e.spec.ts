import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { Agent, fetch as undiciFetch } from 'undici';
import type { RunningServer } from '../src/server';
import {
  FakeOpenAiUpstream,
  completion,
  sendJson,
  streamChunks,
} from './support/fake-openai-upstream';
import { startTestApp } from './support/test-app';

const METRICS_TOKEN = 'metrics-token-0123456789';
const APP_ORIGIN = 'http://app.example.test:5173';

/** The value of one series in a Prometheus text exposition (undefined when absent). */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const close = line.lastIndexOf('}');
    const got = Object.fromEntries(
      [...line.slice(name.length + 1, close).matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [
        m[1],
        m[2],
      ]),
    );
    if (Object.entries(labels).every(([k, v]) => got[k] === v))
      return Number(line.slice(close + 2));
  }
  return undefined;
}

async function scrape(base: string, token = METRICS_TOKEN): Promise<string> {
  const res = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.text();
}

describe('metrics, CORS and TLS', () => {
  let upstream: FakeOpenAiUpstream;

  beforeAll(async () => {
    upstream = await new FakeOpenAiUpstream().start();
    upstream.behaviour = async (req, res) => {
      if (req.body.messages?.[0]?.content === 'break') {
        sendJson(res, 400, { error: { message: 'bad', type: 'invalid_request_error' } });
      } else if (req.body.stream) {
        await streamChunks(res, req.body.model, ['Hello', ' from', ' fake'], 0, true);
      } else {
        sendJson(res, 200, completion(req.body.model, 'Hello from fake'));
      }
    };
  });
  afterAll(() => upstream?.stop());

  const providers = () => ({
    OPENAI_API_KEY: 'sk-upstream-test',
    OPENAI_BASE_URL: upstream.baseUrl,
  });

  async function gatewaySecret(app: RunningServer, f: typeof fetch = fetch): Promise<string> {
    const user = (await f(`${app.url}/auth/join`, { method: 'POST' }).then((r) => r.json())) as {
      id: string;
    };
    const gw = (await f(`${app.url}/gateway/create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-user-id': user.id },
      body: JSON.stringify({ name: 'ops' }),
    }).then((r) => r.json())) as { secret: string };
    return gw.secret;
  }

  describe('over HTTP with METRICS_TOKEN and CORS_ORIGINS', () => {
    let app: RunningServer;
    let client: OpenAI;

    beforeAll(async () => {
      app = await startTestApp({
        ...providers(),
        METRICS_TOKEN,
        CORS_ORIGINS: `${APP_ORIGIN}, https://other.example.test`,
      });
      client = new OpenAI({
        baseURL: `${app.url}/v1`,
        apiKey: await gatewaySecret(app),
        maxRetries: 0,
      });
    });
    afterAll(() => app?.close());

    it('GET /metrics needs the bearer token when METRICS_TOKEN is set', async () => {
      const none = await fetch(`${app.url}/metrics`);
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
      const wrong = await fetch(`${app.url}/metrics`, {
        headers: { authorization: 'Bearer metrics-token-0123456780' },
      });
      expect(wrong.status).toBe(401);
      expect(await scrape(app.url)).toContain('# TYPE llm_gateway_requests_total counter');
    });

    it('counts proxied requests by provider, model, status class and format, and nothing else', async () => {
      const labels = {
        provider: 'openai',
        model: 'gpt-4o-mini',
        status_class: '2xx',
        client_format: 'openai-chat',
      };
      const before = await scrape(app.url);
      const ok0 = sample(before, 'llm_gateway_requests_total', labels) ?? 0;
      const tokens0 =
        sample(before, 'llm_gateway_tokens_total', { model: 'gpt-4o-mini', type: 'input' }) ?? 0;

      await client.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'hi' }],
      });
      const stream = await client.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'hi' }],
        stream: true,
        stream_options: { include_usage: true },
      });
      for await (const _ of stream) void _;
      await expect(
        client.chat.completions.create({
          model: 'gpt-4o-mini',
          messages: [{ role: 'user', content: 'break' }],
        }),
      ).rejects.toMatchObject({ status: 400 });
      // An unknown model never reaches a provider: counted, but its name does not become a label.
      await expect(
        client.chat.completions.create({
          model: 'no-such-model-123',
          messages: [{ role: 'user', content: 'hi' }],
        }),
      ).rejects.toMatchObject({ status: 404 });
      // Not proxied: never counted.
      for (const path of ['/health', '/ready', '/metrics', '/metrics']) {
        await fetch(`${app.url}${path}`, {
          headers: { authorization: `Bearer ${METRICS_TOKEN}` },
        });
      }

      const after = await scrape(app.url);
      expect(sample(after, 'llm_gateway_requests_total', labels)).toBe(ok0 + 2);
      expect(
        sample(after, 'llm_gateway_requests_total', {
          ...labels,
          status_class: '4xx',
        }),
      ).toBe(1);
      expect(
        sample(after, 'llm_gateway_requests_total', {
          provider: 'none',
          model: 'none',
          status_class: '4xx',
        }),
      ).toBe(1);
      expect(after).not.toContain('no-such-model-123');
      const total = after
        .split('\n')
        .filter((l) => l.startsWith('llm_gateway_requests_total{'))
        .reduce((n, l) => n + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
      expect(total).toBe(4 + ok0);
      // No gateway or key ids without METRICS_GATEWAY_LABELS.
      expect(after).not.toMatch(/gateway_id=|key_id=/);
      expect(sample(after, 'llm_gateway_request_duration_seconds_count', labels)).toBe(ok0 + 2);
      expect(
        sample(after, 'llm_gateway_time_to_first_token_seconds_count', {
          provider: 'openai',
          model: 'gpt-4o-mini',
        }),
      ).toBe(1);
      expect(
        sample(after, 'llm_gateway_tokens_total', { model: 'gpt-4o-mini', type: 'input' }),
      ).toBeGreaterThan(tokens0);
      expect(
        sample(after, 'llm_gateway_overhead_duration_seconds_count', { provider: 'openai' }),
      ).toBe(3);
      expect(sample(after, 'llm_gateway_upstream_attempts_total', { provider: 'openai' })).toBe(3);
      expect(sample(after, 'llm_gateway_cost_usd_total', { model: 'gpt-4o-mini' })).toBeGreaterThan(
        0,
      );
      expect(
        sample(after, 'llm_gateway_provider_breaker_state', {
          provider: 'openai',
          state: 'closed',
        }),
      ).toBe(1);
      expect(sample(after, 'llm_gateway_provider_in_flight', { provider: 'openai' })).toBe(0);
      expect(after).toMatch(/^llm_gateway_analytics_spooled_rows \d+$/m);
      expect(after).toMatch(/^llm_gateway_analytics_dead_lettered_rows 0$/m);
      expect(after).toMatch(/^llm_gateway_analytics_queue_rows \d+$/m);
      expect(after).toMatch(/^process_resident_memory_bytes \d+/m);
      expect(after).toMatch(/^nodejs_eventloop_lag_seconds /m);
    });

    it('answers a preflight for proxy and management endpoints, echoing the requested headers', async () => {
      const requested =
        'authorization, content-type, x-stainless-os, x-stainless-retry-count, anthropic-version, x-gateway-id';
      for (const path of ['/v1/chat/completions', '/v1/messages', '/gateway/list', '/health']) {
        const res = await fetch(`${app.url}${path}`, {
          method: 'OPTIONS',
          headers: {
            origin: APP_ORIGIN,
            'access-control-request-method': 'POST',
            'access-control-request-headers': requested,
          },
        });
        expect(res.status).toBe(204);
        expect(res.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
        expect(res.headers.get('access-control-allow-credentials')).toBe('true');
        expect(res.headers.get('access-control-allow-methods')).toContain('POST');
        expect(res.headers.get('access-control-allow-headers')).toBe(requested);
        expect(res.headers.get('vary')).toMatch(/Origin/);
      }
      const stranger = await fetch(`${app.url}/v1/chat/completions`, {
        method: 'OPTIONS',
        headers: { origin: 'https://evil.example.test', 'access-control-request-method': 'POST' },
      });
      expect(stranger.status).toBe(204);
      expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('lets an allowed origin read the answer and the gateway headers, not another origin', async () => {
      const secret = client.apiKey;
      const call = (origin: string) =>
        fetch(`${app.url}/v1/chat/completions`, {
          method: 'POST',
          headers: {
            origin,
            authorization: `Bearer ${secret}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify({
            model: 'gpt-4o-mini',
            messages: [{ role: 'user', content: 'hi' }],
          }),
        });
      const res = await call(APP_ORIGIN);
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
      expect(res.headers.get('access-control-allow-credentials')).toBe('true');
      expect(res.headers.get('access-control-expose-headers')).toContain('x-gateway-request-id');
      expect(res.headers.get('access-control-expose-headers')).toContain(
        'x-ratelimit-remaining-requests',
      );
      expect(res.headers.get('vary')).toMatch(/Origin/);
      expect(res.headers.get('x-gateway-request-id')).toBeTruthy();
      const other = await call('https://evil.example.test');
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
      // Management routes (Fastify) get the same headers.
      const health = await fetch(`${app.url}/health`, { headers: { origin: APP_ORIGIN } });
      expect(health.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    });
  });

  describe('without CORS_ORIGINS, with METRICS_GATEWAY_LABELS', () => {
    let app: RunningServer;

    beforeAll(async () => {
      app = await startTestApp({
        ...providers(),
        METRICS_GATEWAY_LABELS: 'true',
        METRICS_MAX_MODELS: '1',
      });
    });
    afterAll(() => app?.close());

    it('sends no CORS headers, labels series by gateway and folds models past the cap into "other"', async () => {
      const preflight = await fetch(`${app.url}/v1/chat/completions`, {
        method: 'OPTIONS',
        headers: { origin: APP_ORIGIN, 'access-control-request-method': 'POST' },
      });
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
      const secret = await gatewaySecret(app);
      const client = new OpenAI({ baseURL: `${app.url}/v1`, apiKey: secret, maxRetries: 0 });
      const { response } = await client.chat.completions
        .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })
        .withResponse();
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      await client.chat.completions.create({
        model: 'gpt-4o',
        messages: [{ role: 'user', content: 'hi' }],
      });
      const text = await (await fetch(`${app.url}/metrics`)).text();
      expect(text).toMatch(
        /llm_gateway_requests_total\{[^}]*model="gpt-4o-mini"[^}]*gateway_id="[0-9a-f-]{36}"/,
      );
      expect(sample(text, 'llm_gateway_requests_total', { model: 'other' })).toBe(1);
    });
  });

  describe('over HTTPS with TLS_CERT_FILE and TLS_KEY_FILE', () => {
    let app: RunningServer;
    let dispatcher: Agent;

    beforeAll(async () => {
      const dir = mkdtempSync(join(tmpdir(), 'gw-tls-'));
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-days',
          '1',
          '-subj',
          '/CN=127.0.0.1',
          '-addext',
          'subjectAltName=IP:127.0.0.1,DNS:localhost',
          '-keyout',
          join(dir, 'key.pem'),
          '-out',
          join(dir, 'cert.pem'),
        ],
        { stdio: 'ignore' },
      );
      app = await startTestApp({
        ...providers(),
        TLS_CERT_FILE: join(dir, 'cert.pem'),
        TLS_KEY_FILE: join(dir, 'key.pem'),
      });
      dispatcher = new Agent({ connect: { ca: readFileSync(join(dir, 'cert.pem')) } });
    });
    afterAll(async () => {
      await app?.close();
      await dispatcher?.close();
    });

    it('serves /health and a proxied chat through the OpenAI SDK over https://', async () => {
      expect(app.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const trusted = ((url: string, init?: RequestInit) =>
        undiciFetch(url, { ...(init as object), dispatcher })) as unknown as typeof fetch;
      const health = await trusted(`${app.url}/health`);
      expect(health.status).toBe(200);
      // The system trust store does not know the self-signed certificate.
      await expect(fetch(`${app.url}/health`)).rejects.toThrow();
      const client = new OpenAI({
        baseURL: `${app.url}/v1`,
        apiKey: await gatewaySecret(app, trusted),
        maxRetries: 0,
        fetch: trusted,
      });
      const res = await client.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'hi' }],
      });
      expect(res.choices[0].message.content).toBe('Hello from fake');
    });
  });
});
