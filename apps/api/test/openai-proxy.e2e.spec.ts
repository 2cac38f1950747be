import OpenAI from 'openai';
import type { RunningServer } from '../src/server';
import {
  FakeOpenAiUpstream,
  completion,
  sendJson,
  streamChunks,
} from './support/fake-openai-upstream';
import { api, startTestApp } from './support/test-app';

describe('OpenAI SDK → gateway → OpenAI-compatible upstream', () => {
  let app: RunningServer;
  let upstream: FakeOpenAiUpstream;
  let secret: string;
  let client: OpenAI;

  beforeAll(async () => {
    upstream = await new FakeOpenAiUpstream().start();
    app = await startTestApp({
      OPENAI_API_KEY: 'sk-upstream-test',
      OPENAI_BASE_URL: upstream.baseUrl,
      GROQ_API_KEY: 'sk-upstream-test',
      GROQ_BASE_URL: upstream.baseUrl,
      // Nothing listens on port 9 (discard): connection refused.
      DEEPSEEK_API_KEY: 'sk-x',
      DEEPSEEK_BASE_URL: 'http://127.0.0.1:9/v1',
      UPSTREAM_TIMEOUT_MS: '1500',
      BODY_LIMIT_MB: '1',
    });
    const user = await api(app.url, 'POST', '/auth/join');
    const gw = await api(app.url, 'POST', '/gateway/create', {
      userId: user.body.id,
      body: { name: 'sdk' },
    });
    secret = gw.body.secret;
    client = new OpenAI({ baseURL: `${app.url}/v1`, apiKey: secret, maxRetries: 0 });
  });
  afterAll(async () => {
    await app?.close();
    await upstream?.stop();
  });
  beforeEach(() => {
    upstream.requests.length = 0;
    upstream.behaviour = async (req, res) => {
      if (req.body.stream)
        await streamChunks(
          res,
          req.body.model,
          ['Hello', ' from', ' fake'],
          0,
          req.body.stream_options?.include_usage === true,
        );
      else sendJson(res, 200, completion(req.body.model, 'Hello from fake'));
    };
  });

  it('returns a non-streamed completion with usage and gateway headers', async () => {
    const { data, response } = await client.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })
      .withResponse();
    expect(data.choices[0].message.content).toBe('Hello from fake');
    expect(data.usage?.prompt_tokens).toBe(11);
    expect(response.headers.get('x-gateway-provider')).toBe('openai');
    expect(response.headers.get('x-gateway-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(Number(response.headers.get('x-gateway-overhead-ms'))).toBeGreaterThanOrEqual(0);
    // The upstream got the provider's key, never the gateway secret.
    expect(upstream.requests[0].headers.authorization).toBe('Bearer sk-upstream-test');
    expect(JSON.stringify(upstream.requests[0])).not.toContain(secret);
  });

  it('streams chunk by chunk through the SDK stream helper', async () => {
    const stream = client.chat.completions.stream({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
    });
    const deltas: string[] = [];
    stream.on('content', (delta) => deltas.push(delta));
    const final = await stream.finalChatCompletion();
    expect(deltas.join('')).toBe('Hello from fake');
    expect(final.choices[0].message.content).toBe('Hello from fake');
    expect(final.choices[0].finish_reason).toBe('stop');
  });

  it('asks the upstream for usage but hides the usage chunk from a client that did not ask', async () => {
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    const chunks = [];
    for await (const c of stream) chunks.push(c);
    expect(upstream.requests[0].body.stream_options).toEqual({ include_usage: true });
    expect(chunks.every((c) => c.usage == null)).toBe(true);
    expect(chunks.map((c) => c.choices[0]?.delta?.content ?? '').join('')).toBe('Hello from fake');
  });

  it('keeps the usage chunk for a client that asked for it', async () => {
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let usage;
    for await (const c of stream) if (c.usage) usage = c.usage;
    expect(usage).toEqual({ prompt_tokens: 9, completion_tokens: 3, total_tokens: 12 });
  });

  it('forwards the request body unchanged when the model id needs no rewrite', async () => {
    await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
      temperature: 0.3,
      seed: 7,
      user: 'u-1',
    });
    expect(upstream.requests[0].body).toEqual({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
      temperature: 0.3,
      seed: 7,
      user: 'u-1',
    });
  });

  it('routes provider/model names to that provider with the upstream id', async () => {
    const res = await client.chat.completions.create({
      model: 'groq/llama-3.1-8b-instant',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(res.choices[0].message.content).toBe('Hello from fake');
    expect(upstream.requests[0].body.model).toBe('llama-3.1-8b-instant');
  });

  it('drops a parameter the provider rejects and names it in x-gateway-dropped-params', async () => {
    const { response } = await client.chat.completions
      .create({
        model: 'groq/llama-3.1-8b-instant',
        messages: [{ role: 'user', content: 'hi' }],
        logit_bias: { '50256': -100 },
      })
      .withResponse();
    expect(response.headers.get('x-gateway-dropped-params')).toBe('logit_bias');
    expect(upstream.requests[0].body).not.toHaveProperty('logit_bias');
  });

  it('passes upstream errors on in OpenAI’s shape with the upstream status and retry-after', async () => {
    upstream.behaviour = (_req, res) =>
      sendJson(
        res,
        429,
        {
          error: {
            message: 'Rate limit reached',
            type: 'rate_limit_error',
            code: 'rate_limit_exceeded',
          },
        },
        { 'retry-after': '7' },
      );
    const err = await client.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.RateLimitError);
    expect((err as InstanceType<typeof OpenAI.APIError>).status).toBe(429);
    expect((err as InstanceType<typeof OpenAI.APIError>).message).toContain('Rate limit reached');
    expect((err as InstanceType<typeof OpenAI.APIError>).headers?.get('retry-after')).toBe('7');
  });

  it('wraps a non-JSON upstream failure into an OpenAI error', async () => {
    upstream.behaviour = (_req, res) => {
      res.writeHead(503, { 'content-type': 'text/plain' });
      res.end('upstream overloaded');
    };
    const err = (await client.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(err.status).toBe(503);
    expect(err.message).toContain('upstream overloaded');
  });

  it('aborts the upstream request when the client goes away mid-stream', async () => {
    let release!: () => void;
    const done = new Promise<void>((r) => (release = r));
    upstream.behaviour = async (req, res) => {
      await streamChunks(
        res,
        req.body.model,
        Array.from({ length: 200 }, (_, i) => `w${i} `),
        20,
      );
      release();
    };
    const controller = new AbortController();
    const stream = await client.chat.completions.create(
      { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], stream: true },
      { signal: controller.signal },
    );
    let seen = 0;
    try {
      for await (const _ of stream) {
        if (++seen === 3) controller.abort();
      }
    } catch {
      // the SDK may end the iteration or throw on abort; either way the client is gone
    }
    await done;
    expect(seen).toBeLessThan(20);
    expect(upstream.aborted).toBe(1);
  });

  it('rejects a request without a model with 400', async () => {
    const err = (await client.chat.completions
      .create({ messages: [{ role: 'user', content: 'hi' }] } as never)
      .catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(err.status).toBe(400);
    expect(err.message).toMatch(/model/);
  });

  it('names an unknown model and suggests close ones', async () => {
    const err = (await client.chat.completions
      .create({ model: 'gpt-4o-mimi', messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(err.status).toBe(404);
    expect(err.message).toContain("'gpt-4o-mimi'");
    expect(err.message).toContain('gpt-4o-mini');
  });

  it('says which variable to set for a provider without credentials', async () => {
    const err = (await client.chat.completions
      .create({
        model: 'mistral/mistral-large-latest',
        messages: [{ role: 'user', content: 'hi' }],
      })
      .catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(err.status).toBe(400);
    expect(err.message).toContain('MISTRAL_API_KEY');
  });

  it('answers 502 when the upstream is unreachable and 504 when it times out', async () => {
    const unreachable = (await client.chat.completions
      .create({ model: 'deepseek/deepseek-chat', messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(unreachable.status).toBe(502);
    upstream.behaviour = () => undefined; // never answers
    const slow = (await client.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(slow.status).toBe(504);
  });

  it('rejects malformed JSON with 400 and an oversized body with 413, in OpenAI’s shape', async () => {
    const bad = await fetch(`${app.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: '{"model": "gpt-4o-mini", ',
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { type: string } }).error.type).toBe(
      'invalid_request_error',
    );
    const big = await fetch(`${app.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'x'.repeat(2 * 1024 * 1024) }],
      }),
    });
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: { message: string } }).error.message).toMatch(/limit/);
  });

  it('rejects a wrong secret with 401 through the SDK', async () => {
    const stranger = new OpenAI({ baseURL: `${app.url}/v1`, apiKey: 'gw-wrong', maxRetries: 0 });
    await expect(
      stranger.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'hi' }],
      }),
    ).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
  });

  it('lists the models usable with the configured credentials', async () => {
    const ids: string[] = [];
    for await (const m of client.models.list()) ids.push(m.id);
    expect(ids).toContain('gpt-4o-mini');
    expect(ids).toContain('llama-3.1-8b-instant');
    expect(ids.some((id) => id.includes('mistral-large'))).toBe(false);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
