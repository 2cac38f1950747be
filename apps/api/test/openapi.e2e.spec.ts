import { mkdtempSync, writeFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { GATEWAY_RESPONSE_HEADERS, PROXY_REQUEST_HEADERS, ROUTES } from '@gateway/contracts';
import OpenAI from 'openai';
import { EXPOSED_HEADERS } from '../src/common/cors';
import { buildOpenApiDocument, type OpenApiDocument } from '../src/modules/docs/openapi-document';
import { ProxyRoutes } from '../src/modules/proxy/proxy.routes';
import type { RunningServer } from '../src/server';
import {
  accessTour,
  endpointsTour,
  limitsTour,
  mcpTour,
  signInTour,
  storedResponsesTour,
  teamsTour,
} from './support/documented-tours';
import { FakeMcpServer } from './support/fake-mcp-server';
import { FakeOpenAiUpstream, sendJson } from './support/fake-openai-upstream';
import { AnswerChecker, fastifyRoutes } from './support/openapi-checker';
import { api, startTestApp } from './support/test-app';

type Json = Record<string, any>;

const MCP_TOKEN = 'mcp-docs-token';
const ADMIN_KEY = 'admin-docs-key-0123456789abcdef';

async function requestsTotal(base: string): Promise<number> {
  const text = await fetch(`${base}/metrics`).then((r) => r.text());
  return text
    .split('\n')
    .filter((l) => l.startsWith('llm_gateway_requests_total{'))
    .reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
}

describe('GET /openapi.json and GET /docs', () => {
  let app: RunningServer;
  let upstream: FakeOpenAiUpstream;
  let mcp: FakeMcpServer;
  let doc: OpenApiDocument;
  let checker: AnswerChecker;

  beforeAll(async () => {
    upstream = await new FakeOpenAiUpstream().start();
    mcp = await new FakeMcpServer(MCP_TOKEN).start();
    const chat = upstream.behaviour;
    // The fake answers chat completions; a Responses call (passed through as is) gets a Responses
    // answer, and a provider check its model list.
    upstream.behaviour = (req, res) => {
      if (req.method === 'GET' && req.url.endsWith('/models')) {
        sendJson(res, 200, { object: 'list', data: [{ id: 'gpt-4o-mini', object: 'model' }] });
        return;
      }
      return req.url.endsWith('/responses') ? answerResponses(req.body, res) : chat(req, res);
    };
    // A built dashboard, so its catch-all route is registered too (and must not shadow the reference).
    const dist = mkdtempSync(join(tmpdir(), 'gw-web-'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Dashboard</title>');
    app = await startTestApp({
      WEB_DIST_DIR: dist,
      OPENAI_API_KEY: 'sk-upstream-test',
      OPENAI_BASE_URL: upstream.baseUrl,
      ADMIN_API_KEY: ADMIN_KEY,
    });
    const res = await fetch(`${app.url}/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    doc = (await res.json()) as OpenApiDocument;
    checker = new AnswerChecker(doc);
  });
  afterAll(async () => {
    await app?.close();
    await upstream?.stop();
    await mcp?.stop();
  });

  it('documents every route the app serves, and serves every route it documents', () => {
    const fastify = app.app.getHttpAdapter().getInstance();
    const served = new Set([
      ...fastifyRoutes(fastify.printRoutes({ commonPrefix: false })).filter(
        // HEAD is Fastify's automatic twin of each GET; `*` is the dashboard's static fallback;
        // `/docs/` only redirects to `/docs`.
        (r) => !r.startsWith('HEAD ') && r !== 'GET *' && r !== 'GET /docs/',
      ),
      ...app.app.get(ProxyRoutes).routeKeys(),
      // Answered in front of Fastify by server.ts (checked by a request below).
      'GET /metrics',
    ]);
    expect(served.size).toBeGreaterThan(40);
    expect([...served].filter((r) => !(r in ROUTES)).sort()).toEqual([]);
    expect(
      Object.keys(ROUTES)
        .filter((r) => !served.has(r))
        .sort(),
    ).toEqual([]);
  });

  it('is the document built from the route table, needs no auth, and is cached by ETag and gzipped', async () => {
    expect(doc).toEqual(buildOpenApiDocument(ROUTES, doc.info.version));
    const first = await fetch(`${app.url}/openapi.json`, {
      headers: { 'accept-encoding': 'identity' },
    });
    const etag = first.headers.get('etag')!;
    expect(etag).toBeTruthy();
    const again = await fetch(`${app.url}/openapi.json`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    const { request } = await import('undici');
    const gz = await request(`${app.url}/openapi.json`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    const bytes = Buffer.from(await gz.body.arrayBuffer());
    expect(JSON.parse(gunzipSync(bytes).toString())).toEqual(doc);
  });

  it('serves the reference page and its assets from the gateway itself, never the dashboard', async () => {
    const html = { accept: 'text/html,application/xhtml+xml' };
    const page = await fetch(`${app.url}/docs`, { headers: html });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const text = await page.text();
    expect(text).toContain('<div id="swagger-ui">');
    // Everything from the gateway itself: the page works offline.
    expect(text).not.toMatch(/(src|href)="(https?:)?\/\//);
    for (const [file, type] of [
      ['swagger-ui-bundle.js', 'text/javascript'],
      ['swagger-ui.css', 'text/css'],
      ['init.js', 'text/javascript'],
      ['favicon-32x32.png', 'image/png'],
    ]) {
      const res = await fetch(`${app.url}/docs/${file}`);
      expect({ file, status: res.status }).toEqual({ file, status: 200 });
      expect(res.headers.get('content-type')).toContain(type);
    }
    const init = await fetch(`${app.url}/docs/init.js`).then((r) => r.text());
    expect(init).toContain("url: '/openapi.json'");
    expect(init).toContain('validatorUrl: null');
    // `/docs/` is the page too, by a relative redirect (it holds under a proxy's path prefix).
    const slash = await fetch(`${app.url}/docs/?tag=keys`, { headers: html, redirect: 'manual' });
    expect(slash.status).toBe(308);
    expect(slash.headers.get('location')).toBe('../docs?tag=keys');
    const followed = await fetch(`${app.url}/docs/`, { headers: html });
    expect(new URL(followed.url).pathname).toBe('/docs');
    expect(await followed.text()).toContain('<div id="swagger-ui">');
    for (const path of ['/docs/package.json', '/docs/..%2Fpackage.json', '/docs/x/y']) {
      const res = await fetch(`${app.url}${path}`, { headers: html });
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      expect(res.headers.get('content-type')).toContain('application/json');
    }
  });

  it('is not counted as proxied traffic in the metrics', async () => {
    const user = (await api(app.url, 'POST', '/auth/join')).body as Json;
    const gw = (
      await api(app.url, 'POST', '/gateway/create', { userId: user.id, body: { name: 'm' } })
    ).body as Json;
    const before = await requestsTotal(app.url);
    // The counter moves with proxied traffic …
    const proxied = () =>
      fetch(`${app.url}/v1/models`, { headers: { authorization: `Bearer ${gw.secret}` } });
    const total = (atLeast: number) =>
      waitFor(async () => {
        const n = await requestsTotal(app.url);
        return n >= atLeast ? n : undefined;
      });
    expect((await proxied()).status).toBe(200);
    expect(await total(before + 1)).toBe(before + 1);
    // … and not with the reference (the next proxied request is the only one more).
    for (const path of ['/openapi.json', '/docs', '/docs/init.js']) await fetch(app.url + path);
    await proxied();
    expect(await total(before + 2)).toBe(before + 2);
  });

  it('documents every gateway header a browser may read', () => {
    const exposed = EXPOSED_HEADERS.split(', ').filter((h) => /^x-(gateway|ratelimit)-/.test(h));
    const documented = [
      ...Object.keys(GATEWAY_RESPONSE_HEADERS),
      ...Object.keys(PROXY_REQUEST_HEADERS),
    ];
    expect(exposed.filter((h) => !documented.includes(h))).toEqual([]);
    for (const h of Object.keys(GATEWAY_RESPONSE_HEADERS)) expect(EXPOSED_HEADERS).toContain(h);
  });

  it('answers management and analytics calls exactly as documented', async () => {
    type Opts = Parameters<typeof api>[3];
    const call = async (route: keyof typeof ROUTES, path: string, opts: Opts = {}) => {
      const res = await api(app.url, route.split(' ')[0], path, opts);
      checker.check(route, res.status, res.body);
      return res.body as Json;
    };
    const raw = async (
      route: keyof typeof ROUTES,
      path: string,
      headers: Record<string, string>,
    ) => {
      const controller = new AbortController();
      const res = await fetch(app.url + path, { headers, signal: controller.signal });
      checker.checkMedia(route, res.status, res.headers.get('content-type'));
      controller.abort();
      return res;
    };
    const email = `doc-${Date.now()}@example.com`;
    const registered = await call('POST /auth/register', '/auth/register', {
      body: { email, password: 'correct horse' },
    });
    const login = await call('POST /auth/login', '/auth/login', {
      body: { email, password: 'correct horse' },
    });
    await call('POST /auth/logout', '/auth/logout', {
      headers: { authorization: `Bearer ${login.token}` },
    });
    expect(registered.user.email).toBe(email);

    const user = await call('POST /auth/join', '/auth/join');
    const userId = user.id as string;
    const as = { userId };
    expect((await call('GET /auth/me', '/auth/me', as)).id).toBe(userId);
    const gw = await call('POST /gateway/create', '/gateway/create', {
      ...as,
      body: { name: 'doc' },
    });
    const id = gw.gateway_id as string;
    await call('GET /gateway/list', '/gateway/list', as);
    await call('GET /gateway/{id}/credentials', `/gateway/${id}/credentials`, as);
    await call('GET /gateway/{id}/settings', `/gateway/${id}/settings`, as);
    await call('PATCH /gateway/{id}/settings', `/gateway/${id}/settings`, {
      ...as,
      body: { log_bodies: true },
    });
    await call('PATCH /gateway/{id}', `/gateway/${id}`, { ...as, body: { name: 'doc 2' } });
    const key = await call('POST /gateway/{id}/keys', `/gateway/${id}/keys`, {
      ...as,
      body: { name: 'ci', limits: { rpm: 60 } },
    });
    await call('GET /gateway/{id}/keys', `/gateway/${id}/keys`, as);
    await call('GET /gateway/{id}/keys/{kid}', `/gateway/${id}/keys/${key.id}`, as);
    await call('PATCH /gateway/{id}/keys/{kid}', `/gateway/${id}/keys/${key.id}`, {
      ...as,
      body: { enabled: false },
    });
    await call('DELETE /gateway/{id}/keys/{kid}', `/gateway/${id}/keys/${key.id}`, as);
    const provider = await call('POST /gateway/{id}/providers', `/gateway/${id}/providers`, {
      ...as,
      body: { provider: 'openai', api_key: 'sk-upstream-test', base_url: upstream.baseUrl },
    });
    const pid = provider.id as string;
    await call('GET /gateway/{id}/providers', `/gateway/${id}/providers`, as);
    await call('GET /gateway/{id}/providers/{pid}', `/gateway/${id}/providers/${pid}`, as);
    await call('PATCH /gateway/{id}/providers/{pid}', `/gateway/${id}/providers/${pid}`, {
      ...as,
      body: { weight: 2 },
    });
    await call(
      'POST /gateway/{id}/providers/{pid}/test',
      `/gateway/${id}/providers/${pid}/test`,
      as,
    );
    await call(
      'GET /gateway/{id}/providers/{pid}/models',
      `/gateway/${id}/providers/${pid}/models`,
      as,
    );
    await call('GET /gateway/{id}/providers/health', `/gateway/${id}/providers/health`, as);
    await call('DELETE /gateway/{id}/providers/{pid}', `/gateway/${id}/providers/${pid}`, as);
    await call('GET /gateway/{id}/routing', `/gateway/${id}/routing`, as);
    await call('PUT /gateway/{id}/routing', `/gateway/${id}/routing`, {
      ...as,
      body: { strategy: 'round_robin' },
    });
    await call('GET /catalog/models', '/catalog/models?q=gpt-4o&limit=3');
    await call('GET /health', '/health');
    await call('GET /ready', '/ready');

    // One proxied request, so the analytics answers have rows to describe.
    const client = new OpenAI({ baseURL: `${app.url}/v1`, apiKey: gw.secret as string });
    const { response: debugged } = await client.chat.completions
      .create(
        { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] },
        { headers: { 'x-gateway-debug': 'wire' } },
      )
      .withResponse();
    const debuggedId = debugged.headers.get('x-gateway-request-id') as string;
    await call('GET /gateway/{id}/wire/{requestId}', `/gateway/${id}/wire/${debuggedId}`, as);
    const logs = await waitFor(() =>
      api(app.url, 'GET', `/analytics/gateway/${id}/logs`, as).then((r) =>
        r.body.items.length ? r : undefined,
      ),
    );
    checker.check('GET /analytics/gateway/{id}/logs', logs.status, logs.body);
    const requestId = logs.body.items[0].request_id as string;
    const analytics = `/analytics/gateway/${id}`;
    await call(
      'GET /analytics/gateway/{id}/logs/{requestId}',
      `${analytics}/logs/${requestId}`,
      as,
    );
    await call('GET /analytics/gateway/{id}', `${analytics}?days=2&include_logs=true`, as);
    await call('GET /analytics/gateway/{id}/timeseries', `${analytics}/timeseries`, as);
    await call('GET /analytics/gateway/{id}/breakdown', `${analytics}/breakdown?by=provider`, as);
    await call('GET /analytics/gateway/{id}/export', `${analytics}/export?format=json`, as);
    const user_ = { 'x-user-id': userId };
    await raw('GET /analytics/gateway/{id}/export', `${analytics}/export?format=csv`, user_);
    await raw('GET /analytics/gateway/{id}/live', `${analytics}/live?user_id=${userId}`, {});

    const anonymous = await call('POST /auth/join', '/auth/join');
    await call('POST /auth/upgrade', '/auth/upgrade', {
      userId: anonymous.id,
      body: { email: `up-${email}`, password: 'correct horse' },
    });
    await call('POST /gateway/{id}/regenerate', `/gateway/${id}/regenerate`, as);
    await call('DELETE /gateway/{id}', `/gateway/${id}`, as);

    // The check is strict: a missing or an undocumented field fails it.
    expect(() => checker.check('GET /auth/me', 200, { id: userId, username: 'x' })).toThrow(
      /email/,
    );
    expect(() =>
      checker.check('GET /auth/me', 200, { id: userId, username: 'x', email: null, extra: 1 }),
    ).toThrow(/additional/);

    // Errors, in the management shape.
    await call('GET /gateway/{id}/keys', `/gateway/${id}/keys`, as);
    await call('POST /gateway/create', '/gateway/create', { ...as, body: { name: '' } });
    await call('POST /auth/register', '/auth/register', {
      body: { email, password: 'correct horse' },
    });
    await call('GET /auth/me', '/auth/me');
  });

  it('answers teams calls, and moves a gateway between teams, exactly as documented', async () => {
    await teamsTour({ url: app.url, checker });
  });

  it('answers MCP server calls and the MCP endpoint (through the MCP SDK) exactly as documented', async () => {
    await mcpTour({ url: app.url, checker }, { url: mcp.url, token: MCP_TOKEN });
  });

  it('answers gateway and end-user limit calls exactly as documented', async () => {
    await limitsTour({ url: app.url, checker });
  });

  it('answers the sign-in methods, and 404 on the SSO routes while SSO is off, as documented', async () => {
    // Their answers with a real identity provider are checked in sso.e2e.spec.ts.
    await signInTour({ url: app.url, checker });
  });

  it('answers proxy calls, streams and errors included, exactly as documented for each format', async () => {
    const user = (await api(app.url, 'POST', '/auth/join')).body as Json;
    const gw = (
      await api(app.url, 'POST', '/gateway/create', { userId: user.id, body: { name: 'p' } })
    ).body as Json;
    const bearer = { authorization: `Bearer ${gw.secret}` };
    const goog = { 'x-goog-api-key': gw.secret as string };
    const check = async (
      route: keyof typeof ROUTES,
      path: string,
      headers: Record<string, string>,
      body?: unknown,
    ) => {
      const res = await api(app.url, route.split(' ')[0], path, { headers, body });
      checker.check(route, res.status, res.body);
      return res;
    };
    const stream = async (route: keyof typeof ROUTES, path: string, body: unknown) => {
      const res = await fetch(app.url + path, {
        method: 'POST',
        headers: { ...bearer, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      checker.checkMedia(route, res.status, res.headers.get('content-type'));
      await res.text();
    };
    const messages = [{ role: 'user', content: 'hi' }];
    const contents = [{ role: 'user', parts: [{ text: 'hi' }] }];
    const model = 'gpt-4o-mini';

    const chat = await check('POST /v1/chat/completions', '/v1/chat/completions', bearer, {
      model,
      messages,
    });
    expect(chat.status).toBe(200);
    for (const header of ['x-gateway-request-id', 'x-gateway-provider', 'x-gateway-model']) {
      expect(chat.headers.get(header)).toBeTruthy();
    }
    await stream('POST /v1/chat/completions', '/v1/chat/completions', {
      model,
      messages,
      stream: true,
    });
    await check('POST /chat/completions', '/chat/completions', bearer, { model, messages });
    await check('POST /v1/responses', '/v1/responses', bearer, { model, input: 'hi' });
    await stream('POST /v1/responses', '/v1/responses', { model, input: 'hi', stream: true });
    const anthropic = { 'x-api-key': gw.secret as string, 'anthropic-version': '2023-06-01' };
    await check('POST /v1/messages', '/v1/messages', anthropic, {
      model,
      messages,
      max_tokens: 50,
    });
    await stream('POST /v1/messages', '/v1/messages', {
      model,
      messages,
      max_tokens: 50,
      stream: true,
    });
    await check('POST /v1/messages/count_tokens', '/v1/messages/count_tokens', anthropic, {
      model,
      messages,
    });
    const gemini = `/v1beta/models/${model}`;
    await check('POST /v1beta/models/{model}:generateContent', `${gemini}:generateContent`, goog, {
      contents,
    });
    await check(
      'POST /v1beta/models/{model}:streamGenerateContent',
      `${gemini}:streamGenerateContent`,
      goog,
      { contents },
    );
    await stream(
      'POST /v1beta/models/{model}:streamGenerateContent',
      `${gemini}:streamGenerateContent?alt=sse`,
      { contents },
    );
    await check('POST /v1beta/models/{model}:countTokens', `${gemini}:countTokens`, goog, {
      contents,
    });
    await check('GET /v1/models', '/v1/models', bearer);
    await check('GET /v1/models', '/v1/models', { ...bearer, 'anthropic-version': '2023-06-01' });
    await check('GET /v1beta/models', '/v1beta/models', goog);

    // Errors, each in its client's format.
    const openai = await check('POST /v1/chat/completions', '/v1/chat/completions', {}, { model });
    expect(openai.status).toBe(401);
    const refused = await check('POST /v1/messages', '/v1/messages', { 'x-api-key': 'wrong' }, {});
    expect(refused.status).toBe(401);
    const unknown = await check(
      'POST /v1beta/models/{model}:generateContent',
      '/v1beta/models/no-such-model-xyz:generateContent',
      goog,
      { contents },
    );
    expect(unknown.status).toBe(404);
  });

  it('stores Responses answers and answers the stored-response calls as documented', async () => {
    await storedResponsesTour({ url: app.url, checker });
  });

  it('answers the admin, audit and session calls exactly as documented', async () => {
    await accessTour({ url: app.url, checker }, ADMIN_KEY);
  });

  it('answers embeddings, completions, moderations, images, audio and rerank as documented', async () => {
    await endpointsTour(checker);
  });

  it('has checked a real answer of every documented route', () => {
    // The reference's own routes are checked by the tests above.
    const reference = ['GET /metrics', 'GET /openapi.json', 'GET /docs', 'GET /docs/{file}'];
    const unchecked = Object.keys(ROUTES).filter(
      (r) => !checker.seen.has(r) && !reference.includes(r),
    );
    expect(unchecked).toEqual([]);
  });
});

let responseSeq = 0;

/** A minimal OpenAI Responses answer (or stream) from the fake upstream. */
function answerResponses(body: Json, res: ServerResponse): void {
  const response = {
    // Passed through, the id is the one the gateway stores the answer under: one per answer.
    id: `resp_fake${++responseSeq}`,
    object: 'response',
    created_at: 1763900000,
    model: body.model,
    status: 'completed',
    output: [
      {
        type: 'message',
        id: 'msg_fake1',
        role: 'assistant',
        status: 'completed',
        content: [{ type: 'output_text', text: 'Hello from fake', annotations: [] }],
      },
    ],
    usage: { input_tokens: 5, output_tokens: 4, total_tokens: 9 },
  };
  if (!body.stream) {
    sendJson(res, 200, response);
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  const events = [
    { type: 'response.created', response: { ...response, status: 'in_progress', output: [] } },
    {
      type: 'response.output_text.delta',
      item_id: 'msg_fake1',
      output_index: 0,
      content_index: 0,
      delta: 'Hello',
    },
    { type: 'response.completed', response },
  ];
  events.forEach((e, i) =>
    res.write(`event: ${e.type}\ndata: ${JSON.stringify({ ...e, sequence_number: i })}\n\n`),
  );
  res.end();
}

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}
