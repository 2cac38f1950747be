import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import type { RunningServer } from '../src/server';
import { FakeEndpoints, fakeVector } from './support/fake-endpoints';
import { FAKE_KEYS, FakeProviders } from './support/fake-providers';
import { api, startTestApp } from './support/test-app';

// Embeddings, legacy completions and moderations through the official SDKs, against fake upstreams that
// check the wire shapes; each request lands in analytics with its operation and a cost.
describe('embeddings, completions and moderations through the SDKs', () => {
  let app: RunningServer;
  let fake: FakeProviders;
  let endpoints: FakeEndpoints;
  let userId: string;
  let gatewayId: string;
  let openai: OpenAI;
  let genai: GoogleGenAI;

  beforeAll(async () => {
    fake = await new FakeProviders().start();
    endpoints = new FakeEndpoints(fake);
    app = await startTestApp({ ...fake.env(), ...endpoints.env(), UPSTREAM_TIMEOUT_MS: '5000' });
    userId = (await api(app.url, 'POST', '/auth/join')).body.id;
    const gw = (await api(app.url, 'POST', '/gateway/create', { userId, body: { name: 'ep' } }))
      .body;
    gatewayId = gw.gateway_id;
    openai = new OpenAI({ baseURL: `${app.url}/v1`, apiKey: gw.secret, maxRetries: 0 });
    genai = new GoogleGenAI({ apiKey: gw.secret, httpOptions: { baseUrl: app.url } });
  });
  afterAll(async () => {
    await app?.close();
    await fake?.stop();
  });
  beforeEach(() => {
    endpoints.requests.length = 0;
    fake.requests.length = 0;
  });

  const lastProblems = () => endpoints.requests.at(-1)?.problems;

  describe('POST /v1/embeddings', () => {
    it('passes an OpenAI model through, base64 as the SDK asks by default', async () => {
      const res = await openai.embeddings.create({
        model: 'text-embedding-3-small',
        input: ['first', 'second'],
      });
      expect(res.data.map((d) => d.embedding)).toEqual([fakeVector(0, 8), fakeVector(1, 8)]);
      expect(res.usage.prompt_tokens).toBe(10);
      const sent = endpoints.last('openai')!;
      expect(sent.path).toBe('/v1/embeddings');
      expect(sent.body).toMatchObject({
        model: 'text-embedding-3-small',
        encoding_format: 'base64',
      });
      expect(lastProblems()).toEqual([]);
    });

    it('honours float encoding, dimensions and token-array input', async () => {
      const res = await openai.embeddings.create({
        model: 'text-embedding-3-small',
        input: [[1, 2, 3]],
        dimensions: 4,
        encoding_format: 'float',
      });
      expect(res.data[0].embedding).toEqual(fakeVector(0, 4));
      expect(endpoints.last('openai')!.body).toMatchObject({ input: [[1, 2, 3]], dimensions: 4 });
    });

    it('embeds with a Gemini model through batchEmbedContents', async () => {
      const res = await openai.embeddings.create({
        model: 'gemini-embedding-001',
        input: ['alpha', 'beta'],
        dimensions: 4,
      });
      expect(res.model).toBe('gemini-embedding-001');
      expect(res.data.map((d) => d.embedding)).toEqual([fakeVector(0, 4), fakeVector(1, 4)]);
      const sent = endpoints.last('gemini')!;
      expect(sent.path).toBe('/v1beta/models/gemini-embedding-001:batchEmbedContents');
      expect(sent.body.requests[1]).toEqual({
        model: 'models/gemini-embedding-001',
        content: { parts: [{ text: 'beta' }] },
        outputDimensionality: 4,
      });
      expect(lastProblems()).toEqual([]);
    });

    it("writes Voyage's own field names", async () => {
      const res = await openai.embeddings.create({
        model: 'voyage/voyage-3',
        input: 'x',
        dimensions: 4,
        encoding_format: 'float',
      });
      expect(res.data[0].embedding).toEqual(fakeVector(0, 4));
      expect(endpoints.last('voyage')!.body).toMatchObject({
        model: 'voyage-3',
        output_dimension: 4,
      });
      expect(lastProblems()).toEqual([]);
    });

    it('answers bad input with a 400 in OpenAI format, never reaching the upstream', async () => {
      const err = await openai.embeddings
        .create({ model: 'text-embedding-3-small', input: '' })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OpenAI.BadRequestError);
      expect((err as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('input');
      const chat = await openai.embeddings
        .create({ model: 'gpt-4o-mini', input: 'x' })
        .catch((e: unknown) => e);
      expect((chat as Error).message).toMatch(/is a chat model, not an embedding model/);
      expect(endpoints.requests).toHaveLength(0);
    });
  });

  describe('Gemini embedContent ingress', () => {
    it('embeds with an OpenAI model from the Gemini SDK', async () => {
      const res = await genai.models.embedContent({
        model: 'text-embedding-3-small',
        contents: ['one', 'two'],
        config: { outputDimensionality: 4, taskType: 'RETRIEVAL_DOCUMENT' },
      });
      expect(res.embeddings?.map((e) => e.values)).toEqual([fakeVector(0, 4), fakeVector(1, 4)]);
      const sent = endpoints.last('openai')!;
      expect(sent.path).toBe('/v1/embeddings');
      expect(sent.body).toEqual({
        model: 'text-embedding-3-small',
        input: ['one', 'two'],
        encoding_format: 'float',
        dimensions: 4,
      });
    });

    it('answers :embedContent in its single shape, and passes Gemini to Gemini through', async () => {
      const single = await fetch(`${app.url}/v1beta/models/text-embedding-3-small:embedContent`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-goog-api-key': openai.apiKey as string },
        body: JSON.stringify({ content: { parts: [{ text: 'hi' }] } }),
      });
      expect(await single.json()).toEqual({ embedding: { values: fakeVector(0, 8) } });
      const res = await genai.models.embedContent({
        model: 'gemini-embedding-001',
        contents: 'same family',
      });
      expect(res.embeddings?.[0].values).toEqual(fakeVector(0, 8));
      expect(endpoints.last('gemini')!.path).toBe(
        '/v1beta/models/gemini-embedding-001:batchEmbedContents',
      );
    });
  });

  describe('POST /v1/completions', () => {
    it('passes a completion model through, stream and non-stream', async () => {
      const res = await openai.completions.create({
        model: 'gpt-3.5-turbo-instruct',
        prompt: 'Hello',
        max_tokens: 8,
      });
      expect(res.choices[0].text).toBe(' world, from a completion model');
      expect(res.usage?.total_tokens).toBe(7);
      const stream = await openai.completions.create({
        model: 'gpt-3.5-turbo-instruct',
        prompt: 'Hello',
        stream: true,
      });
      const chunks = [];
      for await (const chunk of stream) chunks.push(chunk);
      expect(chunks.map((c) => c.choices[0]?.text).join('')).toBe(' world, streamed');
      // The gateway asked for usage; the client, who did not, never sees the usage chunk.
      expect(chunks.every((c) => c.choices.length === 1)).toBe(true);
      expect(endpoints.last('openai')!.body.stream_options).toEqual({ include_usage: true });
      expect(lastProblems()).toEqual([]);
    });

    it('converts to chat for a Claude model: prompt as user message, answer as text', async () => {
      const res = await openai.completions.create({
        model: 'claude-sonnet-4-6',
        prompt: 'Say hello',
        max_tokens: 20,
      });
      expect(res.object).toBe('text_completion');
      expect(res.choices[0]).toMatchObject({ text: 'Hello from anthropic', finish_reason: 'stop' });
      expect(res.usage?.prompt_tokens).toBeGreaterThan(0);
      const sent = fake.last('anthropic')!;
      expect(sent.body.messages).toEqual([
        { role: 'user', content: [{ type: 'text', text: 'Say hello' }] },
      ]);
      expect(sent.problems).toEqual([]);
    });

    it('streams a converted Gemini answer as completion chunks with usage when asked', async () => {
      const stream = await openai.completions.create({
        model: 'gemini-2.5-flash',
        prompt: 'Say hello',
        stream: true,
        stream_options: { include_usage: true },
      });
      let text = '';
      let usage: OpenAI.CompletionUsage | undefined;
      for await (const chunk of stream) {
        text += chunk.choices[0]?.text ?? '';
        usage = chunk.usage ?? usage;
      }
      expect(text).toBe('Hello from gemini');
      expect(usage?.prompt_tokens).toBe(120);
      expect(fake.last('gemini')!.path).toMatch(/:streamGenerateContent$/);
    });
  });

  it('moderates through OpenAI', async () => {
    const res = await openai.moderations.create({ input: 'a friendly sentence' });
    expect(res.results[0].flagged).toBe(false);
    expect(endpoints.last('openai')!.body).toEqual({
      model: 'omni-moderation-latest',
      input: 'a friendly sentence',
    });
  });

  it('records each request with its operation and a cost', async () => {
    const since = Date.now();
    await openai.embeddings.create({ model: 'text-embedding-3-small', input: 'cost me' });
    await openai.completions.create({ model: 'gpt-3.5-turbo-instruct', prompt: 'Hi' });
    await openai.moderations.create({ model: 'omni-moderation-latest', input: 'hi' });
    await genai.models.embedContent({ model: 'text-embedding-3-small', contents: 'gemini sdk' });
    const rows = await waitForLogs(4, (r) => Date.parse(r.timestamp) >= since);
    const latest = (op: string, endpoint?: string) =>
      rows.find((r) => r.operation === op && (!endpoint || r.endpoint === endpoint))!;
    // 5 tokens × $0.02 per million.
    expect(latest('embeddings', '/v1/embeddings').cost_usd).toBeCloseTo(1e-7, 12);
    expect(latest('embeddings', '/v1beta/models/{model}:batchEmbedContents')).toMatchObject({
      provider: 'openai',
      client_format: 'gemini',
    });
    expect(latest('completions').cost_usd).toBeCloseTo(4 * 1.5e-6 + 3 * 2e-6, 12);
    expect(latest('moderation').cost_usd).toBe(0);
    const byOperation = await api(
      app.url,
      'GET',
      `/analytics/gateway/${gatewayId}/breakdown?by=operation`,
      { userId },
    );
    expect(byOperation.body.rows.map((r: { key: string }) => r.key)).toEqual(
      expect.arrayContaining(['embeddings', 'completions', 'moderation']),
    );
    const filtered = await api(
      app.url,
      'GET',
      `/analytics/gateway/${gatewayId}/logs?operation=moderation`,
      { userId },
    );
    expect(filtered.body.items.length).toBeGreaterThan(0);
    expect(
      filtered.body.items.every((r: { operation: string }) => r.operation === 'moderation'),
    ).toBe(true);
  });

  it("applies a key's allowed models and budget to embeddings", async () => {
    const key = (
      await api(app.url, 'POST', `/gateway/${gatewayId}/keys`, {
        userId,
        body: {
          name: 'embed-only',
          allowed_models: ['text-embedding-3-small'],
          limits: { budget_usd_per_day: 0.0000001 },
        },
      })
    ).body.key as string;
    const client = new OpenAI({ baseURL: `${app.url}/v1`, apiKey: key, maxRetries: 0 });
    const other = await client.embeddings
      .create({ model: 'text-embedding-3-large', input: 'x' })
      .catch((e: unknown) => e);
    expect(other).toBeInstanceOf(OpenAI.PermissionDeniedError);
    // 5 tokens at $0.02 per million spend the whole $0.0000001.
    const first = await client.embeddings.create({ model: 'text-embedding-3-small', input: 'x' });
    expect(first.data).toHaveLength(1);
    const over = await client.embeddings
      .create({ model: 'text-embedding-3-small', input: 'x' })
      .catch((e: unknown) => e);
    expect(over).toBeInstanceOf(OpenAI.RateLimitError);
  });

  it("falls back across the gateway's own providers for embeddings", async () => {
    const gw = (await api(app.url, 'POST', '/gateway/create', { userId, body: { name: 'fb' } }))
      .body;
    const provider = (name: string, baseUrl: string, priority: number) =>
      api(app.url, 'POST', `/gateway/${gw.gateway_id}/providers`, {
        userId,
        body: { provider: 'openai', name, api_key: FAKE_KEYS.openai, base_url: baseUrl, priority },
      });
    // Nothing listens on port 9: the first provider's connection is refused.
    expect((await provider('down', 'http://127.0.0.1:9/v1', 10)).status).toBe(201);
    expect((await provider('up', `${fake.root}/v1`, 1)).status).toBe(201);
    const client = new OpenAI({ baseURL: `${app.url}/v1`, apiKey: gw.secret, maxRetries: 0 });
    const { data, response } = await client.embeddings
      .create({ model: 'text-embedding-3-small', input: 'x', encoding_format: 'float' })
      .withResponse();
    expect(data.data[0].embedding).toEqual(fakeVector(0, 8));
    expect(response.headers.get('x-gateway-attempts')).toBe('2');
  });

  async function waitForLogs(
    count: number,
    keep: (r: Record<string, any>) => boolean,
  ): Promise<Record<string, any>[]> {
    for (let i = 0; i < 50; i++) {
      const page = await api(app.url, 'GET', `/analytics/gateway/${gatewayId}/logs?limit=200`, {
        userId,
      });
      const rows = (page.body.items as Record<string, any>[]).filter(keep);
      if (rows.length >= count) return rows;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the requests did not reach analytics');
  }
});
