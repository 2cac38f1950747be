// One upstream answer, four client formats: the recorded tokens and cost must not depend on the format
// the client spoke (pass-through for Anthropic clients, converted for the others), streamed or not.
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import type { RunningServer } from '../src/server';
import { FakeProviders, sendJson, startSse, THINKING_SIGNATURE } from './support/fake-providers';
import { api, startTestApp } from './support/test-app';

// Anthropic's semantics: input_tokens excludes cache reads and writes; output_tokens includes thinking.
const USAGE = {
  input_tokens: 10,
  cache_creation_input_tokens: 40,
  cache_read_input_tokens: 300,
  output_tokens: 90,
  output_tokens_details: { thinking_tokens: 60 },
};

function answer(model: string) {
  return {
    id: 'msg_usage1',
    type: 'message',
    role: 'assistant',
    model,
    content: [
      { type: 'thinking', thinking: 'Think first.', signature: THINKING_SIGNATURE },
      // Over 2 KB: the Anthropic client's pass-through answer has its usage read from the tail.
      { type: 'text', text: 'Hello. '.repeat(400) },
    ],
    stop_reason: 'end_turn',
    stop_sequence: null,
    usage: USAGE,
  };
}

describe('usage is recorded the same whatever the client format', () => {
  let app: RunningServer;
  let fake: FakeProviders;

  beforeAll(async () => {
    fake = await new FakeProviders().start();
    fake.intercept = (req, res) => {
      if (req.family !== 'anthropic' || req.path !== '/v1/messages') return false;
      const message = answer(req.body.model);
      if (!req.body.stream) return sendJson(res, 200, message);
      const sse = startSse(res);
      const { output_tokens: _out, output_tokens_details: _details, ...start } = USAGE;
      sse.event('message_start', {
        type: 'message_start',
        message: {
          ...message,
          content: [],
          stop_reason: null,
          usage: { ...start, output_tokens: 1 },
        },
      });
      sse.event('content_block_start', {
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'thinking', thinking: '', signature: '' },
      });
      sse.event('content_block_delta', {
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'thinking_delta', thinking: 'Think first.' },
      });
      sse.event('content_block_delta', {
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'signature_delta', signature: THINKING_SIGNATURE },
      });
      sse.event('content_block_stop', { type: 'content_block_stop', index: 0 });
      sse.event('content_block_start', {
        type: 'content_block_start',
        index: 1,
        content_block: { type: 'text', text: '' },
      });
      sse.event('content_block_delta', {
        type: 'content_block_delta',
        index: 1,
        delta: { type: 'text_delta', text: 'Hello.' },
      });
      sse.event('content_block_stop', { type: 'content_block_stop', index: 1 });
      sse.event('message_delta', {
        type: 'message_delta',
        delta: { stop_reason: 'end_turn', stop_sequence: null },
        usage: {
          output_tokens: USAGE.output_tokens,
          output_tokens_details: USAGE.output_tokens_details,
        },
      });
      sse.event('message_stop', { type: 'message_stop' });
      res.end();
    };
    app = await startTestApp(fake.env());
  });
  afterAll(async () => {
    await app?.close();
    await fake?.stop();
  });

  it('records identical token and cost columns from OpenAI Chat, Responses, Anthropic and Gemini clients', async () => {
    const userId = (await api(app.url, 'POST', '/auth/join')).body.id;
    const gw = (await api(app.url, 'POST', '/gateway/create', { userId, body: { name: 'usage' } }))
      .body;
    const model = 'claude-sonnet-4-6';
    const openai = new OpenAI({ baseURL: `${app.url}/v1`, apiKey: gw.secret, maxRetries: 0 });
    const anthropic = new Anthropic({ baseURL: app.url, apiKey: gw.secret, maxRetries: 0 });
    const genai = new GoogleGenAI({ apiKey: gw.secret, httpOptions: { baseUrl: app.url } });
    const drain = async (stream: AsyncIterable<unknown>) => {
      for await (const _ of stream);
    };

    await openai.chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] });
    await drain(
      await openai.chat.completions.create({
        model,
        messages: [{ role: 'user', content: 'hi' }],
        stream: true,
        stream_options: { include_usage: true },
      }),
    );
    await openai.responses.create({ model, input: 'hi' });
    await drain(await openai.responses.create({ model, input: 'hi', stream: true }));
    const params = { model, max_tokens: 200, messages: [{ role: 'user' as const, content: 'hi' }] };
    await anthropic.messages.create(params);
    await drain(await anthropic.messages.create({ ...params, stream: true }));
    await genai.models.generateContent({ model, contents: 'hi' });
    await drain(await genai.models.generateContentStream({ model, contents: 'hi' }));

    type Row = Record<string, unknown> & { client_format: string; stream: boolean };
    let items: Row[] = [];
    for (let i = 0; i < 50 && items.length < 8; i++) {
      items = (await api(app.url, 'GET', `/analytics/gateway/${gw.gateway_id}/logs`, { userId }))
        .body.items;
      if (items.length < 8) await new Promise((r) => setTimeout(r, 100));
    }
    expect(items).toHaveLength(8);
    const columns = ['tokens_in', 'tokens_out', 'tokens_cached', 'tokens_reasoning', 'cost_usd'];
    const recorded = Object.fromEntries(
      items.map((i) => [
        `${i.client_format}${i.stream ? ' stream' : ''}`,
        Object.fromEntries(columns.map((c) => [c, i[c]])),
      ]),
    );
    expect(Object.keys(recorded)).toHaveLength(8);
    const expected = {
      tokens_in: 350, // 10 + 300 cache reads + 40 cache writes
      tokens_out: 90,
      tokens_cached: 300,
      tokens_reasoning: 60,
      cost_usd: recorded['anthropic-messages'].cost_usd,
    };
    expect(expected.cost_usd).toEqual(expect.any(Number));
    for (const key of Object.keys(recorded)) expect([key, recorded[key]]).toEqual([key, expected]);
  });
});
