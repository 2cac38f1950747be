import OpenAI, { NotFoundError } from 'openai';
import type {
  FunctionTool,
  Response,
  ResponseCreateParamsNonStreaming,
  ResponseFunctionToolCall,
  ResponseItem,
} from 'openai/resources/responses/responses';
import { DataSource } from 'typeorm';
import type { RunningServer } from '../src/server';
import { ResponsesRetention } from '../src/modules/responses/responses-retention';
import {
  FAKE_KEYS,
  FakeProviders,
  THINKING_SIGNATURE,
  WEATHER_ARGS,
} from './support/fake-providers';
import { api, startTestApp } from './support/test-app';

const QUESTION = 'What is the weather in Paris?';
const TOOL_RESULT = '{"temperature_c":22,"sky":"sunny"}';
const FINAL_TEXT = 'It is sunny in Paris';
const TOOLS: FunctionTool[] = [
  {
    type: 'function',
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    strict: false,
  },
];
type Mode = 'non-stream' | 'stream';

/**
 * Stateful Responses API through the openai SDK: the gateway stores each answer per gateway and
 * replays the conversation behind previous_response_id to any upstream, in that upstream's format.
 */
describe('stored Responses: previous_response_id, retrieve, input items, delete', () => {
  let app: RunningServer;
  let fake: FakeProviders;

  beforeAll(async () => {
    fake = await new FakeProviders().start();
    app = await startTestApp({ ...fake.env(), UPSTREAM_TIMEOUT_MS: '5000' });
  });
  afterAll(async () => {
    await app?.close();
    await fake?.stop();
  });
  beforeEach(() => fake.reset());

  async function gateway(name: string) {
    const userId = (await api(app.url, 'POST', '/auth/join')).body.id as string;
    const gw = (await api(app.url, 'POST', '/gateway/create', { userId, body: { name } })).body;
    const client = new OpenAI({ baseURL: `${app.url}/v1`, apiKey: gw.secret, maxRetries: 0 });
    return { userId, id: gw.gateway_id as string, secret: gw.secret as string, client };
  }

  async function respond(
    client: OpenAI,
    mode: Mode,
    params: Omit<ResponseCreateParamsNonStreaming, 'stream'>,
  ): Promise<Response> {
    if (mode === 'non-stream') return client.responses.create(params);
    return client.responses.stream(params).finalResponse();
  }

  const callOf = (r: Response) =>
    r.output.find((i): i is ResponseFunctionToolCall => i.type === 'function_call')!;

  test.each<Mode>(['non-stream', 'stream'])(
    'chains a tool turn on Claude by id, replaying signed thinking and tool_use in Messages format (%s)',
    async (mode) => {
      const { client } = await gateway(`claude-${mode}`);
      const model = 'claude-sonnet-4-6';
      const reasoning = { effort: 'medium', summary: 'auto' } as const;
      const first = await respond(client, mode, {
        model,
        input: QUESTION,
        tools: TOOLS,
        reasoning,
      });
      expect(first.id).toMatch(/^resp_[0-9a-f]{32}$/);
      const call = callOf(first);
      expect(first.output.map((i) => i.type)).toEqual(['reasoning', 'function_call']);

      const second = await respond(client, mode, {
        model,
        previous_response_id: first.id,
        input: [{ type: 'function_call_output', call_id: call.call_id, output: TOOL_RESULT }],
        tools: TOOLS,
        reasoning,
      });
      expect(second.output_text).toBe(FINAL_TEXT);
      expect(second.id).not.toBe(first.id);

      const sent = fake.last('anthropic')!;
      expect(sent.problems).toEqual([]);
      expect(sent.body.messages).toEqual([
        { role: 'user', content: [{ type: 'text', text: QUESTION }] },
        {
          role: 'assistant',
          content: [
            {
              type: 'thinking',
              thinking: 'I should check the weather.',
              signature: THINKING_SIGNATURE,
            },
            { type: 'tool_use', id: call.call_id, name: 'get_weather', input: WEATHER_ARGS },
          ],
        },
        {
          role: 'user',
          content: [expect.objectContaining({ type: 'tool_result', tool_use_id: call.call_id })],
        },
      ]);
      expect(JSON.stringify(sent.body.messages[2].content[0].content)).toContain('sunny');

      // What was stored is what the client got, chained to the first turn.
      const retrieved = await client.responses.retrieve(second.id);
      expect(retrieved.id).toBe(second.id);
      // (The SDK's stream helper adds `parsed: null` to text parts; compare what the gateway sent.)
      expect(JSON.stringify(retrieved.output)).toBe(
        JSON.stringify(second.output).replace(/,"parsed":null/g, ''),
      );
      expect(retrieved.previous_response_id).toBe(first.id);
      expect((retrieved as Response & { store?: boolean }).store).toBe(true);

      // Input items: the whole conversation that produced it, newest first by default.
      const items = await client.responses.inputItems.list(second.id);
      expect(items.data.map((i) => i.type)).toEqual([
        'function_call_output',
        'function_call',
        'reasoning',
        'message',
      ]);
      const ascending: ResponseItem[] = [];
      for await (const item of client.responses.inputItems.list(second.id, {
        order: 'asc',
        limit: 1,
      }))
        ascending.push(item);
      expect(ascending.map((i) => i.id)).toEqual(items.data.map((i) => i.id).reverse());
      expect(ascending[0]).toMatchObject({
        type: 'message',
        role: 'user',
        content: [{ type: 'input_text', text: QUESTION }],
      });
      expect(new Set(ascending.map((i) => i.id)).size).toBe(4);

      const deleted = await client.responses.delete(second.id).asResponse();
      expect(await deleted.json()).toEqual({ id: second.id, object: 'response', deleted: true });
      await expect(client.responses.retrieve(second.id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(client.responses.delete(second.id)).rejects.toBeInstanceOf(NotFoundError);
      const chained = client.responses.create({
        model,
        previous_response_id: second.id,
        input: 'And tomorrow?',
      });
      await expect(chained).rejects.toBeInstanceOf(NotFoundError);
      await expect(chained).rejects.toMatchObject({
        code: 'previous_response_not_found',
        param: 'previous_response_id',
      });
      // The first turn is still there.
      expect((await client.responses.retrieve(first.id)).id).toBe(first.id);
    },
  );

  it("answers 404 for another gateway's response, on every endpoint and as previous_response_id", async () => {
    const owner = await gateway('owner');
    const stranger = await gateway('stranger');
    const mine = await owner.client.responses.create({ model: 'claude-sonnet-4-6', input: 'hi' });
    fake.reset();
    await expect(stranger.client.responses.retrieve(mine.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(stranger.client.responses.inputItems.list(mine.id)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(stranger.client.responses.delete(mine.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      stranger.client.responses.create({
        model: 'claude-sonnet-4-6',
        previous_response_id: mine.id,
        input: 'continue',
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(fake.requests).toEqual([]);
    const raw = await api(app.url, 'GET', `/v1/responses/${mine.id}`, {
      headers: { authorization: `Bearer ${stranger.secret}` },
    });
    expect(raw.body).toEqual({
      error: {
        message: `Response with id '${mine.id}' not found.`,
        type: 'invalid_request_error',
        param: null,
        code: 'not_found',
      },
    });
    // The owner still has it.
    expect((await owner.client.responses.retrieve(mine.id)).output_text).toBe(
      'Hello from anthropic',
    );
  });

  test.each<Mode>(['non-stream', 'stream'])(
    'keeps nothing with store: false (%s)',
    async (mode) => {
      const { client } = await gateway(`no-store-${mode}`);
      const r = await respond(client, mode, {
        model: 'claude-sonnet-4-6',
        input: 'hi',
        store: false,
      });
      expect(r.output_text).toBe('Hello from anthropic');
      await expect(client.responses.retrieve(r.id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(
        client.responses.create({
          model: 'claude-sonnet-4-6',
          previous_response_id: r.id,
          input: 'again',
        }),
      ).rejects.toMatchObject({ status: 404, code: 'previous_response_not_found' });
    },
  );

  test.each<Mode>(['non-stream', 'stream'])(
    'replays the conversation to Gemini as contents with the call and its response (%s)',
    async (mode) => {
      const { client } = await gateway(`gemini-${mode}`);
      const model = 'gemini-2.5-flash';
      const first = await respond(client, mode, { model, input: QUESTION, tools: TOOLS });
      const call = callOf(first);
      const second = await respond(client, mode, {
        model,
        previous_response_id: first.id,
        input: [{ type: 'function_call_output', call_id: call.call_id, output: TOOL_RESULT }],
        tools: TOOLS,
      });
      expect(second.output_text).toBe(FINAL_TEXT);
      const sent = fake.last('gemini')!;
      expect(sent.problems).toEqual([]);
      expect(sent.body.contents).toEqual([
        { role: 'user', parts: [{ text: QUESTION }] },
        {
          role: 'model',
          parts: [
            expect.objectContaining({ functionCall: { name: 'get_weather', args: WEATHER_ARGS } }),
          ],
        },
        {
          role: 'user',
          parts: [
            expect.objectContaining({
              functionResponse: expect.objectContaining({ name: 'get_weather' }),
            }),
          ],
        },
      ]);
    },
  );

  it('replays the conversation to a Chat Completions-only provider as messages', async () => {
    const g = await gateway('groq');
    const created = await api(app.url, 'POST', `/gateway/${g.id}/providers`, {
      userId: g.userId,
      body: { provider: 'groq', api_key: FAKE_KEYS.openai, base_url: `${fake.root}/v1` },
    });
    expect(created.status).toBe(201);
    const model = 'groq/llama-3.3-70b-versatile';
    const first = await g.client.responses.create({
      model,
      instructions: 'You are terse.',
      input: QUESTION,
      tools: TOOLS,
    });
    const call = callOf(first);
    const second = await respond(g.client, 'stream', {
      model,
      previous_response_id: first.id,
      input: [{ type: 'function_call_output', call_id: call.call_id, output: TOOL_RESULT }],
      tools: TOOLS,
    });
    expect(second.output_text).toBe(FINAL_TEXT);
    const sent = fake.last('openai')!;
    expect(sent.path).toBe('/v1/chat/completions');
    expect(sent.problems).toEqual([]);
    // Instructions belong to the request that sent them (as on OpenAI): not replayed.
    expect(sent.body.messages).toEqual([
      { role: 'user', content: QUESTION },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: call.call_id,
            type: 'function',
            function: { name: 'get_weather', arguments: JSON.stringify(WEATHER_ARGS) },
          },
        ],
      },
      { role: 'tool', tool_call_id: call.call_id, content: TOOL_RESULT },
    ]);
  });

  it('replays to OpenAI itself with store: false and asks reasoning models for encrypted reasoning', async () => {
    const { client } = await gateway('openai');
    const first = await client.responses.create({
      model: 'gpt-4o-mini',
      input: QUESTION,
      tools: TOOLS,
    });
    expect(fake.last('openai')!.body).toMatchObject({ store: false });
    expect(fake.last('openai')!.body.include).toBeUndefined();
    const call = callOf(first);
    const second = await respond(client, 'stream', {
      model: 'o4-mini',
      previous_response_id: first.id,
      input: [{ type: 'function_call_output', call_id: call.call_id, output: TOOL_RESULT }],
      tools: TOOLS,
    });
    expect(second.output_text).toBe(FINAL_TEXT);
    const sent = fake.last('openai')!;
    expect(sent.path).toBe('/v1/responses');
    expect(sent.problems).toEqual([]);
    expect(sent.body.previous_response_id).toBeUndefined();
    expect(sent.body).toMatchObject({ store: false, include: ['reasoning.encrypted_content'] });
    expect(sent.body.input).toEqual([
      { type: 'message', role: 'user', content: QUESTION },
      first.output[0],
      { type: 'function_call_output', call_id: call.call_id, output: TOOL_RESULT },
    ]);
    expect((await client.responses.retrieve(second.id)).previous_response_id).toBe(first.id);
  });

  it('follows the retention setting: 0 days hides what was stored and stores nothing new; the purge deletes it', async () => {
    const g = await gateway('retention');
    const kept = await g.client.responses.create({ model: 'claude-sonnet-4-6', input: 'hi' });
    expect((await g.client.responses.retrieve(kept.id)).id).toBe(kept.id);
    const settings = await api(app.url, 'PATCH', `/gateway/${g.id}/settings`, {
      userId: g.userId,
      body: { responses_retention_days: 0 },
    });
    expect(settings.body).toMatchObject({ responses_retention_days: 0 });
    await expect(g.client.responses.retrieve(kept.id)).rejects.toBeInstanceOf(NotFoundError);
    const next = await g.client.responses.create({ model: 'claude-sonnet-4-6', input: 'hi' });
    await expect(g.client.responses.retrieve(next.id)).rejects.toBeInstanceOf(NotFoundError);

    const db = app.app.get(DataSource);
    const rows = () =>
      db
        .query(`SELECT count(*)::int AS n FROM "responses" WHERE "gateway_id" = $1`, [g.id])
        .then((r: { n: number }[]) => r[0].n);
    expect(await rows()).toBe(1);
    expect(await app.app.get(ResponsesRetention).purge()).toBeGreaterThanOrEqual(1);
    expect(await rows()).toBe(0);

    const invalid = await api(app.url, 'PATCH', `/gateway/${g.id}/settings`, {
      userId: g.userId,
      body: { responses_retention_days: -1 },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.message).toMatch(/responses_retention_days/);
  });

  it('lets every key of the gateway read its responses, and refuses a disabled key', async () => {
    const g = await gateway('keys');
    const key = async (body: Record<string, unknown>) =>
      (await api(app.url, 'POST', `/gateway/${g.id}/keys`, { userId: g.userId, body })).body
        .key as string;
    const writer = new OpenAI({ baseURL: `${app.url}/v1`, apiKey: await key({ name: 'w' }) });
    const reader = new OpenAI({ baseURL: `${app.url}/v1`, apiKey: await key({ name: 'r' }) });
    const off = new OpenAI({
      baseURL: `${app.url}/v1`,
      apiKey: await key({ name: 'off', enabled: false }),
      maxRetries: 0,
    });
    const r = await writer.responses.create({ model: 'claude-sonnet-4-6', input: 'hi' });
    expect((await reader.responses.retrieve(r.id)).id).toBe(r.id);
    await expect(off.responses.retrieve(r.id)).rejects.toMatchObject({ status: 403 });
  });

  it('answers bad paging and bad ids with 400 in the OpenAI format', async () => {
    const { client, secret } = await gateway('paging');
    const r = await client.responses.create({ model: 'claude-sonnet-4-6', input: 'hi' });
    const get = (path: string) =>
      api(app.url, 'GET', path, { headers: { authorization: `Bearer ${secret}` } });
    expect((await get(`/v1/responses/${r.id}/input_items?limit=0`)).body.error.param).toBe('limit');
    expect((await get(`/v1/responses/${r.id}/input_items?order=up`)).status).toBe(400);
    const bad = await api(app.url, 'POST', '/v1/responses', {
      headers: { authorization: `Bearer ${secret}` },
      body: { model: 'claude-sonnet-4-6', input: 'x', previous_response_id: 42 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.param).toBe('previous_response_id');
    expect((await get(`/v1/responses/${'x'.repeat(300)}`)).status).toBe(404);
  });
});
