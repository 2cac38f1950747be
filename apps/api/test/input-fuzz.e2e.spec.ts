import { Agent, request } from 'node:http';
import OpenAI, { APIError } from 'openai';
import { ApiError as GeminiApiError, GoogleGenAI } from '@google/genai';
import { toWellFormed } from '../src/common/input-guards';
import type { RunningServer } from '../src/server';
import { FakeProviders } from './support/fake-providers';
import { api, startTestApp } from './support/test-app';

// "No 5xx from input": hostile input at every boundary (proxy bodies of the four client formats,
// management DTOs, analytics queries, headers, paths) is the client's fault and gets a 4xx in the
// client's own format; the fake upstreams answer every valid call, so no 5xx is expected anywhere.

const BODY_LIMIT_MB = '0.25';
const BODY_LIMIT = 0.25 * 1024 * 1024;

interface Sent {
  method: string;
  path: string;
  headers?: Record<string, string | string[]>;
  body?: Buffer | string;
}

/** A valid request the fuzzer mutates. */
interface Template {
  method: string;
  path: string;
  body: Record<string, unknown>;
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

const agent = new Agent({ keepAlive: true, maxSockets: 4 });

/**
 * Raw HTTP over keep-alive: bytes as given (invalid UTF-8, odd paths), no client-side checks. Like
 * any HTTP client, retries once when a reused keep-alive socket turns out closed.
 */
async function send(base: string, s: Sent): Promise<Answer> {
  try {
    return await sendOnce(base, s);
  } catch (err) {
    if ((err as { reusedSocket?: boolean }).reusedSocket) return sendOnce(base, s);
    throw err;
  }
}

function sendOnce(base: string, s: Sent, keepAlive = true): Promise<Answer> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const body = s.body === undefined ? undefined : Buffer.from(s.body);
    const req = request(
      {
        agent: keepAlive ? agent : false,
        host: url.hostname,
        port: url.port,
        method: s.method,
        path: s.path,
        headers: {
          ...(body ? { 'content-type': 'application/json', 'content-length': body.length } : {}),
          ...s.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', (err) => reject(Object.assign(err, { reusedSocket: req.reusedSocket })));
    req.end(body);
  });
}

/** mulberry32: small, seedable, the same sequence on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** JSON text nested `depth` levels (objects and arrays), built as text: JSON.stringify would recurse. */
function nestedJson(depth: number): string {
  let open = '';
  let close = '';
  for (let i = 0; i < depth; i++) {
    open += i % 2 ? '[' : '{"properties":';
    close = (i % 2 ? ']' : '}') + close;
  }
  return `${open}{}${close}`;
}

// Stands for a deeply nested value in a body; `toJson` writes the nesting in as text.
const deep = (depth: number) => `@@deep:${depth}@@`;
const toJson = (body: unknown) =>
  JSON.stringify(body).replace(/"@@deep:(\d+)@@"/g, (_m, d: string) => nestedJson(Number(d)));

const PROTO_NAMES = [
  'constructor',
  '__proto__',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'prototype',
];

const HOSTILE_STRINGS = [
  '\ud800',
  'a\udc00b',
  '\u0000',
  'x\u0000y',
  '\u0001\u0007\u001b[31m\u007f',
  '\r\nx-injected: 1',
  'ключ',
  '模型',
  '😀\ud83d',
  ...PROTO_NAMES,
  '',
  ' ',
  'x'.repeat(20_000),
  '%E0%A4%A',
  '../../etc/passwd',
  '1970-01-01',
  '-271821-04-20T00:00:00.000Z',
  '+275760-09-13T00:00:00.000Z',
  '9999-12-31T23:59:59Z',
  '0000-00-00',
  'NaN',
  'socks5://',
  'http://[::1',
  'javascript:alert(1)',
  'http://%zz@host',
];

const HOSTILE_NUMBERS = [0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 1, -0, 1e-320, 4294967296];

function hostileValue(rnd: () => number, depth = 0): unknown {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  switch (Math.floor(rnd() * 9)) {
    case 0:
    case 1:
    case 2:
      return pick(HOSTILE_STRINGS);
    case 3:
      return pick(HOSTILE_NUMBERS);
    case 4:
      return pick([null, true, false]);
    case 5:
      return depth > 2 ? [] : [hostileValue(rnd, depth + 1), hostileValue(rnd, depth + 1)];
    case 6:
      return depth > 2
        ? {}
        : Object.fromEntries([
            [pick([...HOSTILE_STRINGS.slice(0, 12), 'type', 'role']), hostileValue(rnd, depth + 1)],
          ]);
    case 7:
      return deep(pick([130, 300, 5_000]));
    default:
      return Object.fromEntries(PROTO_NAMES.map((n) => [n, pick(HOSTILE_STRINGS)]));
  }
}

/** A few random changes to a valid body: fields replaced, keys added, types swapped. */
function mutate(rnd: () => number, body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = JSON.parse(JSON.stringify(body));
  const n = 1 + Math.floor(rnd() * 3);
  for (let i = 0; i < n; i++) {
    const keys = Object.keys(out);
    const r = rnd();
    if (r < 0.45 && keys.length > 0) {
      out[keys[Math.floor(rnd() * keys.length)]] = hostileValue(rnd);
    } else if (r < 0.75) {
      const key = HOSTILE_STRINGS[Math.floor(rnd() * HOSTILE_STRINGS.length)] || 'empty';
      Object.defineProperty(out, key, {
        value: hostileValue(rnd),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else {
      // Somewhere inside: the first nested object or array gets a hostile member.
      const nested = keys.map((k) => out[k]).find((v) => v !== null && typeof v === 'object');
      if (Array.isArray(nested)) nested.push(hostileValue(rnd));
      else if (nested) (nested as Record<string, unknown>).extra = hostileValue(rnd);
      else out.extra = hostileValue(rnd);
    }
  }
  return out;
}

/** The serialised body, sometimes with broken bytes: invalid UTF-8, truncation, not JSON at all. */
function encode(rnd: () => number, body: unknown): Buffer {
  const json = Buffer.from(toJson(body));
  const r = rnd();
  if (r < 0.85) return json;
  if (r < 0.9) {
    const at = Math.floor(rnd() * json.length);
    return Buffer.concat([
      json.subarray(0, at),
      Buffer.from([0xff, 0xc3, 0x28, 0xed, 0xa0, 0x80]),
      json.subarray(at),
    ]);
  }
  if (r < 0.94) return json.subarray(0, Math.floor(rnd() * json.length));
  if (r < 0.97)
    return Buffer.from(
      ['[]', 'null', '"x"', '1e999', '{"a":1}x', '\ufeff{}'][Math.floor(rnd() * 6)],
    );
  return Buffer.from([0xfe, 0xff, 0x00, 0x7b, 0x00, 0x7d]);
}

describe('no 5xx from hostile input', () => {
  let app: RunningServer;
  let fake: FakeProviders;
  let userId: string;
  let envGateway: { id: string; secret: string };
  let ownGateway: { id: string; secret: string };
  let sandbox: { id: string; providerId: string; keyId: string; teamId: string };
  let keySecret: string;

  const user = () => ({ 'x-user-id': userId });

  beforeAll(async () => {
    fake = await new FakeProviders().start();
    app = await startTestApp({ ...fake.env(), BODY_LIMIT_MB });
    userId = (await api(app.url, 'POST', '/auth/join')).body.id;
    const gateway = async (name: string) => {
      const gw = (await api(app.url, 'POST', '/gateway/create', { userId, body: { name } })).body;
      return { id: gw.gateway_id as string, secret: gw.secret as string };
    };
    envGateway = await gateway('env');
    ownGateway = await gateway('own');
    const own = await api(app.url, 'POST', `/gateway/${ownGateway.id}/providers`, {
      userId,
      body: {
        provider: 'openai',
        api_key: 'sk-openai-fake',
        base_url: `${fake.root}/v1`,
        // Model names an operator may list, also the ones Object.prototype has.
        models: ['gpt-4o-mini', 'my-model', 'модель-1', ...PROTO_NAMES],
        model_mapping: { 'my-model': 'gpt-4o-mini' },
      },
    });
    expect(own.status).toBe(201);
    const routing = await api(app.url, 'PUT', `/gateway/${ownGateway.id}/routing`, {
      userId,
      body: { model_fallbacks: { 'my-model': ['gpt-4o-mini'] } },
    });
    expect(routing.status).toBe(200);
    const key = await api(app.url, 'POST', `/gateway/${envGateway.id}/keys`, {
      userId,
      body: {
        name: 'limited',
        allowed_models: ['gpt-4o*', 'claude-*', 'gemini-*'],
        limits: { rpm: 100_000 },
      },
    });
    expect(key.status).toBe(201);
    keySecret = key.body.key;
    const sb = await gateway('sandbox');
    const provider = await api(app.url, 'POST', `/gateway/${sb.id}/providers`, {
      userId,
      body: { provider: 'openai', api_key: 'sk-x', base_url: 'http://127.0.0.1:9/v1' },
    });
    const sbKey = await api(app.url, 'POST', `/gateway/${sb.id}/keys`, {
      userId,
      body: { name: 'sandbox' },
    });
    const team = await api(app.url, 'POST', '/teams', { userId, body: { name: 'sandbox' } });
    sandbox = {
      id: sb.id,
      providerId: provider.body.id,
      keyId: sbKey.body.id,
      teamId: team.body.id,
    };
  });

  afterAll(async () => {
    agent.destroy();
    await app?.close();
    await fake?.stop();
  });

  const chat = (model: string, extra: Record<string, unknown> = {}) => ({
    model,
    messages: [{ role: 'user', content: 'hi' }],
    ...extra,
  });

  function post(path: string, secret: string, body: unknown): Promise<Answer> {
    return send(app.url, {
      method: 'POST',
      path,
      headers: { authorization: `Bearer ${secret}` },
      body: Buffer.from(toJson(body)),
    });
  }

  describe('regressions', () => {
    it('keeps unsafe request keys out of x-gateway-dropped-params and still answers 200', async () => {
      const body: Record<string, unknown> = chat('claude-sonnet-4-6');
      body['bad\u0001key'] = 1;
      body['ключ'] = 1;
      body['k'.repeat(20_000)] = 1;
      body.logit_bias = { '1': 1 };
      const before = fake.requests.length;
      const res = await post('/v1/chat/completions', envGateway.secret, body);
      expect(res.status).toBe(200);
      expect(fake.requests.length - before).toBe(1);
      const header = String(res.headers['x-gateway-dropped-params']);
      expect(header).toMatch(/^[\x20-\x7e]+$/);
      expect(header.length).toBeLessThanOrEqual(512);
      expect(header).toContain('(+3 more)');
      expect(JSON.parse(res.text).choices[0].message.content).toBeTruthy();
    });

    it('answers 200 for a model name that is not Latin-1, percent-encoded in x-gateway-model', async () => {
      const res = await post('/v1/chat/completions', ownGateway.secret, chat('модель-1'));
      expect(res.status).toBe(200);
      expect(res.headers['x-gateway-model']).toBe(encodeURIComponent('модель-1'));
    });

    it.each([
      [
        'OpenAI chat tool parameters',
        '/v1/chat/completions',
        (d: unknown) =>
          chat('gpt-4o-mini', {
            tools: [{ type: 'function', function: { name: 'f', parameters: d } }],
          }),
        'openai',
      ],
      [
        'Anthropic count_tokens',
        '/v1/messages/count_tokens',
        (d: unknown) => ({
          model: 'gpt-4o-mini',
          messages: [{ role: 'user', content: 'hi' }],
          tools: [{ name: 'f', input_schema: d }],
        }),
        'anthropic',
      ],
      [
        'Gemini countTokens contents',
        '/v1beta/models/claude-sonnet-4-6:countTokens',
        (d: unknown) => ({ contents: [{ role: 'user', parts: [{ text: 'x' }], d }] }),
        'gemini',
      ],
      [
        'Gemini generateContent',
        '/v1beta/models/gpt-4o-mini:generateContent',
        (d: unknown) => ({
          contents: [{ role: 'user', parts: [{ functionResponse: { name: 'f', response: d } }] }],
        }),
        'gemini',
      ],
    ])(
      'rejects nesting 5,000 levels deep (%s) with a 400 in the client format',
      async (_name, path, build, format) => {
        const res = await post(path, envGateway.secret, build(deep(5_000)));
        expect(res.status).toBe(400);
        const body = JSON.parse(res.text);
        if (format === 'anthropic') expect(body.type).toBe('error');
        if (format === 'gemini') expect(body.error.status).toBe('INVALID_ARGUMENT');
        expect(JSON.stringify(body)).toContain('deeper than 128');
      },
    );

    it.each(PROTO_NAMES)(
      'serves the model name %s (listed by an own provider) like any other name',
      async (model) => {
        const res = await post('/v1/chat/completions', ownGateway.secret, chat(model));
        expect(res.status).toBe(200);
        expect(res.headers['x-gateway-model']).toBe(model);
        const gemini = await post(`/v1beta/models/${model}:generateContent`, ownGateway.secret, {
          contents: [{ role: 'user', parts: [{ text: 'hi' }] }],
        });
        expect(gemini.status).toBe(200);
        const unknown = await post('/v1/chat/completions', envGateway.secret, chat(model));
        expect(unknown.status).toBe(404);
      },
    );

    it('still maps and falls back by own keys only', async () => {
      const res = await post('/v1/chat/completions', ownGateway.secret, chat('my-model'));
      expect(res.status).toBe(200);
      expect(res.headers['x-gateway-model']).toBe('gpt-4o-mini');
    });

    it.each([
      ['a NUL in a gateway name', 'POST', () => '/gateway/create', { name: 'a\u0000b' }, 'name'],
      [
        'a lone surrogate in allowed_models',
        'POST',
        () => `/gateway/${sandbox.id}/keys`,
        { name: 'k', allowed_models: ['\ud800'] },
        'allowed_models.0',
      ],
      [
        'a NUL in a system prompt',
        'PATCH',
        () => `/gateway/${sandbox.id}/keys/${sandbox.keyId}`,
        { system_prompt: 'x\u0000' },
        'system_prompt',
      ],
      [
        'a lone surrogate in a model_mapping key',
        'PATCH',
        () => `/gateway/${sandbox.id}/providers/${sandbox.providerId}`,
        { model_mapping: { '\udc00': 'x' } },
        'model_mapping',
      ],
      [
        'a proxy_url that is not a URL',
        'POST',
        () => `/gateway/${sandbox.id}/providers`,
        { provider: 'openai', proxy_url: 'not a url' },
        'proxy_url',
      ],
      [
        'a proxy_url without a host',
        'POST',
        () => `/gateway/${sandbox.id}/providers`,
        { provider: 'openai', proxy_url: 'socks5://' },
        'proxy_url',
      ],
      [
        'a base_url that is not a URL',
        'PATCH',
        () => `/gateway/${sandbox.id}/providers/${sandbox.providerId}`,
        { base_url: 'http://[::1' },
        'base_url',
      ],
      [
        'a lone surrogate in model_fallbacks',
        'PUT',
        () => `/gateway/${sandbox.id}/routing`,
        { model_fallbacks: { a: ['\ud800'] } },
        'model_fallbacks',
      ],
      [
        'a NUL in a password',
        'POST',
        () => '/auth/register',
        { email: 'a@b.co', password: 'pass\u0000word' },
        'password',
      ],
    ])(
      'answers %s with a 400 in the management shape',
      async (_name, method, path, body, field) => {
        const res = await send(app.url, {
          method,
          path: path(),
          headers: user(),
          body: JSON.stringify(body),
        });
        expect(res.status).toBe(400);
        const parsed = JSON.parse(res.text);
        expect(parsed.error).toMatchObject({ type: 'invalid_request', code: 'invalid_request' });
        expect(parsed.error.message).toContain(field);
      },
    );

    it.each([
      'to=1970-01-01',
      'to=-271821-04-20T00:00:00.000Z',
      'from=%2B275760-09-13T00:00:00.000Z',
      'from=2030-01-01&to=2020-01-01',
      'from=0001-01-01&to=9999-01-01',
    ])('answers analytics ?%s with a 400', async (query) => {
      for (const path of ['timeseries', 'breakdown', 'logs', 'export']) {
        const res = await send(app.url, {
          method: 'GET',
          path: `/analytics/gateway/${envGateway.id}/${path}?${query}`,
          headers: user(),
        });
        expect({ path, status: res.status }).toEqual({ path, status: 400 });
        expect(JSON.parse(res.text).error.code).toBe('invalid_request');
      }
    });

    it.each([
      ['just over', BODY_LIMIT + 1],
      ['12 times', 12 * BODY_LIMIT],
    ])(
      'gives the OpenAI SDK a 413 APIError for a body %s the limit, not a broken pipe',
      async (_n, size) => {
        const client = new OpenAI({
          baseURL: `${app.url}/v1`,
          apiKey: envGateway.secret,
          maxRetries: 0,
        });
        const err = await client.chat.completions
          .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x'.repeat(size) }] })
          .catch((e: unknown) => e);
        expect(err).toBeInstanceOf(APIError);
        expect((err as APIError).status).toBe(413);
        expect((err as APIError).message).toContain('256 KB');
      },
    );

    it('gives the Gemini SDK a 413 for a body over the limit', async () => {
      const ai = new GoogleGenAI({ apiKey: envGateway.secret, httpOptions: { baseUrl: app.url } });
      const err = await ai.models
        .generateContent({ model: 'gemini-2.5-flash', contents: 'x'.repeat(BODY_LIMIT + 1) })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(GeminiApiError);
      expect((err as GeminiApiError).status).toBe(413);
    });

    it.each([
      ['just over', BODY_LIMIT + 1],
      ['12 times', 12 * BODY_LIMIT],
    ])(
      'answers a management body %s the limit with a 413 in the management shape',
      async (_n, size) => {
        for (const chunked of [false, true]) {
          // fetch (undici) as a browser or script would send it; a ReadableStream goes chunked.
          const text = JSON.stringify({ name: 'x'.repeat(size) });
          const body = chunked ? new Blob([text]).stream() : text;
          const res = await fetch(`${app.url}/gateway/create`, {
            method: 'POST',
            headers: { ...user(), 'content-type': 'application/json' },
            body,
            ...(chunked ? { duplex: 'half' } : {}),
          } as RequestInit);
          expect({ chunked, status: res.status }).toEqual({ chunked, status: 413 });
          expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
            'payload_too_large',
          );
        }
      },
    );

    it.each([
      ['malformed JSON', { 'content-type': 'application/json' }, '{"name":'],
      ['an unknown content type', { 'content-type': 'text/x-nonsense' }, 'name=x'],
      [
        'invalid UTF-8',
        { 'content-type': 'application/json' },
        Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]),
      ],
      ['a JSON string', { 'content-type': 'application/json' }, '"x"'],
    ])(
      'answers %s on a management route with a 4xx in the management shape',
      async (_n, headers, body) => {
        const res = await send(app.url, {
          method: 'POST',
          path: '/gateway/create',
          headers: { ...user(), ...headers },
          body,
        });
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(JSON.parse(res.text).error).toMatchObject({
          message: expect.any(String),
          code: expect.any(String),
        });
      },
    );

    it.each([
      ['GET', '/v1/models?key=%E0%A4%A'],
      ['POST', '/v1beta/models/%E0%A4%A:generateContent'],
      ['GET', '/gateway/%E0%A4%A/settings'],
      ['GET', `/analytics/gateway/%zz/logs?from=%E0%A4%A`],
      ['GET', `/v1/models?${'a=1&'.repeat(5_000)}`],
    ])('answers %s %.60s with a 4xx', async (method, path) => {
      const res = await send(app.url, { method, path, headers: user() });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    });

    it('answers an undecodable user_id with a 401, not a 5xx', async () => {
      const res = await send(app.url, { method: 'GET', path: '/gateway/list?user_id=%E0%A4%A' });
      expect(res.status).toBe(401);
      expect(res.status).toBeLessThan(500);
    });
  });

  it('answers thousands of hostile requests without a 5xx and stays up', async () => {
    const seed = Number(process.env.FUZZ_SEED ?? 20251110);
    const total = Number(process.env.FUZZ_COUNT ?? 2000);
    const rnd = prng(seed);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
    const models = [
      'gpt-4o-mini',
      'claude-sonnet-4-6',
      'gemini-2.5-flash',
      'my-model',
      ...PROTO_NAMES,
    ];
    const proxy: (() => Template)[] = [
      () => ({ method: 'POST', path: '/v1/chat/completions', body: chatBody() }),
      () => ({
        method: 'POST',
        path: '/v1/responses',
        body: { model: pick(models), input: 'hi', stream: rnd() < 0.3 },
      }),
      () => ({
        method: 'POST',
        path: '/v1/messages',
        body: {
          model: pick(models),
          max_tokens: 50,
          messages: [{ role: 'user', content: 'hi' }],
          stream: rnd() < 0.3,
        },
      }),
      () => ({
        method: 'POST',
        path: '/v1/messages/count_tokens',
        body: { model: pick(models), messages: [{ role: 'user', content: 'hi' }] },
      }),
      () => ({
        method: 'POST',
        path: `/v1beta/models/${encodeURIComponent(pick(models))}:${pick(['generateContent', 'streamGenerateContent?alt=sse', 'streamGenerateContent', 'countTokens'])}`,
        body: {
          contents: [{ role: 'user', parts: [{ text: 'hi' }] }],
          generationConfig: { maxOutputTokens: 20 },
        },
      }),
      () => ({
        method: 'POST',
        path: '/v1/embeddings',
        body: {
          model: pick([...models, 'text-embedding-3-small', 'gemini-embedding-001']),
          input: pick(['hi', ['a', 'b'], [1, 2]]),
          encoding_format: pick(['float', 'base64']),
        },
      }),
      () => ({
        method: 'POST',
        path: `/v1beta/models/${encodeURIComponent(pick([...models, 'text-embedding-3-small']))}:${pick(['embedContent', 'batchEmbedContents'])}`,
        body: {
          content: { parts: [{ text: 'hi' }] },
          requests: [{ model: 'models/x', content: { parts: [{ text: 'hi' }] } }],
        },
      }),
      () => ({
        method: 'POST',
        path: '/v1/completions',
        body: {
          model: pick([...models, 'gpt-3.5-turbo-instruct']),
          prompt: 'hi',
          stream: rnd() < 0.3,
        },
      }),
      () => ({
        method: 'POST',
        path: '/v1/moderations',
        body: { model: pick([...models, 'omni-moderation-latest']), input: 'hi' },
      }),
      () => ({
        method: 'POST',
        path: '/v1/images/generations',
        body: {
          model: pick([...models, 'dall-e-3', 'gemini-2.5-flash-image']),
          prompt: 'a fox',
          size: pick(['1024x1024', '1x1', 'big']),
        },
      }),
      () => ({
        method: 'POST',
        path: pick(['/v1/audio/speech', '/v1/audio/transcriptions', '/v1/images/edits']),
        body: { model: pick([...models, 'tts-1', 'whisper-1']), input: 'hi', voice: 'alloy' },
      }),
      () => ({
        method: 'POST',
        path: pick(['/v1/rerank', '/v2/rerank']),
        body: {
          model: pick([...models, 'rerank-v3.5', 'voyage/rerank-2']),
          query: 'q',
          documents: ['a', { text: 'b' }],
        },
      }),
    ];
    function chatBody(): Record<string, unknown> {
      return chat(pick(models), {
        stream: rnd() < 0.3,
        max_tokens: 20,
        ...(rnd() < 0.3
          ? {
              tools: [
                {
                  type: 'function',
                  function: {
                    name: 'get_weather',
                    parameters: { type: 'object', properties: { city: { type: 'string' } } },
                  },
                },
              ],
            }
          : {}),
      });
    }
    const gw = () => `/gateway/${sandbox.id}`;
    const management: (() => Template)[] = [
      () => ({
        method: 'POST',
        path: pick(['/auth/login', '/auth/register', '/auth/upgrade']),
        body: { email: 'fuzz@example.com', password: 'password123' },
      }),
      () => ({
        method: pick(['POST', 'PATCH']),
        path: pick(['/gateway/create', gw()]),
        body: { name: 'fuzz' },
      }),
      () => ({ method: 'PATCH', path: `${gw()}/settings`, body: { log_bodies: true } }),
      () => ({
        method: pick(['POST', 'PATCH']),
        path: pick([
          '/teams',
          `/teams/${sandbox.teamId}`,
          `/teams/${sandbox.teamId}/members`,
          `/teams/${sandbox.teamId}/members/${userId}`,
          `/teams/${sandbox.teamId}/transfer`,
        ]),
        body: { name: 'fuzz', email: 'fuzz@example.com', user_id: userId, role: 'viewer' },
      }),
      () => ({
        method: pick(['POST', 'PATCH']),
        path: pick([`${gw()}/providers`, `${gw()}/providers/${sandbox.providerId}`]),
        body: {
          provider: 'openai',
          name: 'p',
          base_url: 'http://127.0.0.1:9/v1',
          api_key: 'sk',
          models: ['a'],
          model_mapping: { a: 'b' },
          priority: 1,
          weight: 1,
          timeout_ms: 1000,
          max_retries: 0,
          proxy_url: 'http://127.0.0.1:9',
          concurrency: { mode: 'fixed', max: 4 },
        },
      }),
      () => ({
        method: pick(['POST', 'PATCH']),
        path: pick([`${gw()}/keys`, `${gw()}/keys/${sandbox.keyId}`]),
        body: {
          name: 'k',
          allowed_models: ['a*'],
          allowed_providers: ['openai'],
          enabled: true,
          expires_at: '2030-01-01T00:00:00Z',
          limits: { rpm: 5, budget_usd_per_day: 1 },
          system_prompt: 'be brief',
        },
      }),
      () => ({
        method: 'PUT',
        path: `${gw()}/routing`,
        body: {
          strategy: 'priority',
          high_availability: false,
          model_fallbacks: { a: ['b'] },
          deadline_ms: 5000,
          retry: { max_retries: 1 },
          breaker: { failure_threshold: 3 },
        },
      }),
    ];
    const analyticsPaths = ['', '/timeseries', '/breakdown', '/logs', '/export', '/logs/x'];
    const queryKeys = [
      'from',
      'to',
      'granularity',
      'by',
      'status',
      'model',
      'provider',
      'key_id',
      'limit',
      'cursor',
      'days',
      'include_logs',
      'format',
      ...PROTO_NAMES,
    ];
    const queryValue = () => {
      const v = hostileValue(rnd);
      const s = typeof v === 'string' ? v : (JSON.stringify(v) ?? '');
      return rnd() < 0.2
        ? pick(['%E0%A4%A', '%', '%zz', '%00', '%ED%A0%80'])
        : encodeURIComponent(toWellFormed(s).slice(0, 3000));
    };

    type Case = Sent & { kind: string };
    function nextCase(): Case {
      const r = rnd();
      if (r < 0.6) {
        const base = pick(proxy)();
        const secret = pick([
          envGateway.secret,
          envGateway.secret,
          ownGateway.secret,
          keySecret,
          'wrong',
        ]);
        const headers: Record<string, string | string[]> = {};
        const h = rnd();
        if (h < 0.7) headers.authorization = `Bearer ${secret}`;
        else if (h < 0.8) headers.authorization = [`Bearer ${secret}`, 'Bearer other'];
        else if (h < 0.9) headers['x-api-key'] = [secret, secret];
        else headers['x-goog-api-key'] = secret;
        if (rnd() < 0.1)
          headers['x-gateway-strategy'] = pick([
            'constructor',
            'round_robin',
            'x'.repeat(2000),
            '',
          ]);
        if (rnd() < 0.05) headers['x-filler'] = 'y'.repeat(pick([1000, 20_000]));
        const body = rnd() < 0.1 ? base.body : mutate(rnd, base.body);
        return {
          kind: 'proxy',
          method: base.method,
          path: base.path,
          headers,
          body: encode(rnd, body),
        };
      }
      if (r < 0.85) {
        const base = pick(management)();
        const headers: Record<string, string> = { 'x-user-id': userId };
        if (rnd() < 0.05)
          headers['content-type'] = pick([
            'text/plain',
            'application/x-www-form-urlencoded',
            'multipart/form-data; boundary=x',
            'application/json; charset=latin1',
          ]);
        const body = mutate(rnd, base.body);
        return {
          kind: 'management',
          method: base.method,
          path: base.path,
          headers,
          body: encode(rnd, body),
        };
      }
      const params = Array.from(
        { length: 1 + Math.floor(rnd() * 4) },
        () => `${pick(queryKeys)}=${queryValue()}`,
      );
      return {
        kind: 'analytics',
        method: 'GET',
        path: `/analytics/gateway/${pick([envGateway.id, sandbox.id, 'constructor', '%E0%A4%A'])}${pick(analyticsPaths)}?${params.join('&')}`,
        headers: { 'x-user-id': userId },
      };
    }

    const cases = Array.from({ length: total }, nextCase);
    const failures: string[] = [];
    let transportRetries = 0;
    let next = 0;
    const worker = async () => {
      while (next < cases.length) {
        const i = next++;
        const c = cases[i];
        let status: number | string;
        let text = '';
        try {
          const res = await send(app.url, c);
          status = res.status;
          text = res.text;
        } catch (err) {
          // A connection lost in transit is tried once more on a fresh one: only a request that
          // fails there too is the server's fault.
          try {
            const res = await sendOnce(app.url, c, false);
            status = res.status;
            text = res.text;
            transportRetries++;
          } catch {
            status = (err as Error).message;
          }
        }
        if (typeof status !== 'number' || status >= 500) {
          const body = c.body === undefined ? '' : Buffer.from(c.body).toString('utf8');
          failures.push(
            `#${i} seed=${seed} ${c.kind} ${c.method} ${c.path.slice(0, 200)} headers=${JSON.stringify(c.headers).slice(0, 200)} -> ${status} ${text.slice(0, 300)}\n  body (${body.length} chars): ${JSON.stringify(body.slice(0, 600))}`,
          );
        }
      }
    };
    await Promise.all(Array.from({ length: 4 }, worker));
    const health = await send(app.url, { method: 'GET', path: '/health' });
    expect(health.status).toBe(200);
    // Lost connections retried on a fresh one (keep-alive races); a handful at most.
    expect(transportRetries).toBeLessThan(total / 100);
    expect({
      failures: failures.length,
      first: failures.slice(0, Number(process.env.FUZZ_SHOW ?? 10)),
    }).toEqual({
      failures: 0,
      first: [],
    });
  }, 180_000);
});
