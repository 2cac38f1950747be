import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import { countTokens as gpt4ChatTokens } from 'gpt-tokenizer/cjs/model/gpt-4';
import { countTokens as gpt4oChatTokens } from 'gpt-tokenizer/cjs/model/gpt-4o';
import { countTokens as cl100kTokens } from 'gpt-tokenizer/cjs/encoding/cl100k_base';
import { countTokens as o200kTokens } from 'gpt-tokenizer/cjs/encoding/o200k_base';
import OpenAI, { RateLimitError } from 'openai';
import type { RunningServer } from '../src/server';
import { FAKE_KEYS, FakeProviders } from './support/fake-providers';
import { api, startTestApp } from './support/test-app';

const KNOWN = 'The quick brown fox jumps over the lazy dog.';
const SYSTEM = 'You are terse.';

/** Token counts for OpenAI-family targets come from OpenAI's own encodings (gpt-tokenizer). */
describe('token counting with real tokenizers', () => {
  let app: RunningServer;
  let fake: FakeProviders;
  let secret: string;
  let anthropic: Anthropic;
  let gemini: GoogleGenAI;

  beforeAll(async () => {
    fake = await new FakeProviders().start();
    app = await startTestApp({
      ...fake.env(),
      GROQ_API_KEY: FAKE_KEYS.openai,
      GROQ_BASE_URL: `${fake.root}/v1`,
    });
    const userId = (await api(app.url, 'POST', '/auth/join')).body.id;
    secret = (await api(app.url, 'POST', '/gateway/create', { userId, body: { name: 'count' } }))
      .body.secret;
    anthropic = new Anthropic({ baseURL: app.url, apiKey: secret, maxRetries: 0 });
    gemini = new GoogleGenAI({ apiKey: secret, httpOptions: { baseUrl: app.url } });
  });
  afterAll(async () => {
    await app?.close();
    await fake?.stop();
  });
  beforeEach(() => fake.reset());

  it("gives the Anthropic SDK gpt-4o's exact count from o200k_base", async () => {
    const { data, response } = await anthropic.messages
      .countTokens({ model: 'gpt-4o', messages: [{ role: 'user', content: KNOWN }] })
      .withResponse();
    expect(data.input_tokens).toBe(gpt4oChatTokens([{ role: 'user', content: KNOWN }]));
    expect(data.input_tokens).toBe(17);
    expect(response.headers.get('x-gateway-token-count')).toBe('tokenizer');
    expect(response.headers.get('x-gateway-tokenizer')).toBe('o200k_base');

    const withSystem = await anthropic.messages.countTokens({
      model: 'gpt-4o',
      system: SYSTEM,
      messages: [{ role: 'user', content: KNOWN }],
    });
    expect(withSystem.input_tokens).toBe(
      gpt4oChatTokens([
        { role: 'system', content: SYSTEM },
        { role: 'user', content: KNOWN },
      ]),
    );
    expect(fake.requests).toEqual([]);
  });

  it("gives the Gemini SDK gpt-4o's exact count, and gpt-4's from cl100k_base", async () => {
    const o200k = await gemini.models.countTokens({ model: 'gpt-4o', contents: KNOWN });
    expect(o200k.totalTokens).toBe(gpt4oChatTokens([{ role: 'user', content: KNOWN }]));
    expect(o200k.totalTokens).toBe(17);
    const cl100k = await gemini.models.countTokens({
      model: 'gpt-4-turbo',
      contents: [
        { role: 'user', parts: [{ text: KNOWN }] },
        { role: 'model', parts: [{ text: 'Noted.' }] },
        { role: 'user', parts: [{ text: 'Once more.' }] },
      ],
    });
    expect(cl100k.totalTokens).toBe(
      gpt4ChatTokens([
        { role: 'user', content: KNOWN },
        { role: 'assistant', content: 'Noted.' },
        { role: 'user', content: 'Once more.' },
      ]),
    );
    expect(fake.requests).toEqual([]);
  });

  it('estimates a non-OpenAI model on an OpenAI-compatible provider with cl100k_base', async () => {
    const { data, response } = await anthropic.messages
      .countTokens({
        model: 'groq/llama-3.3-70b-versatile',
        messages: [{ role: 'user', content: KNOWN }],
      })
      .withResponse();
    expect(data.input_tokens).toBe(cl100kTokens(KNOWN) + cl100kTokens('user') + 6);
    expect(response.headers.get('x-gateway-token-count')).toBe('estimate');
    expect(response.headers.get('x-gateway-tokenizer')).toBe('cl100k_base');
  });

  it('counts a large prompt with a long single-character run in bounded time, to the run-cut count', async () => {
    const sentence = 'The gateway counts long prompts in slices between other requests. ';
    const text = sentence.repeat(8000) + 'z'.repeat(128 * 800);
    const { input_tokens } = await anthropic.messages.countTokens({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: text }],
    });
    const expected =
      gpt4oChatTokens([{ role: 'user', content: sentence.repeat(8000) }]) +
      800 * o200kTokens('z'.repeat(128));
    expect(Math.abs(input_tokens - expected)).toBeLessThanOrEqual(2);
  });

  it("answers a malformed count request with a 400 in the client's format, before any upstream call", async () => {
    const res = await api(app.url, 'POST', '/v1beta/models/claude-sonnet-4-6:countTokens', {
      headers: { 'x-goog-api-key': secret },
      body: { contents: [] },
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 400, status: 'INVALID_ARGUMENT' });
    expect(fake.requests).toEqual([]);
  });

  it("reserves a key's input-token quota by the tokenizer's count, not characters ÷ 4", async () => {
    // 600 characters of digits and punctuation: 150 tokens at four characters each, far more in o200k.
    const prompt = Array.from({ length: 150 }, (_, i) => `${(i * 7919) % 997};`).join('');
    const o200k = o200kTokens(prompt);
    expect(o200k).toBeGreaterThan(prompt.length / 4 + 50);
    const userId = (await api(app.url, 'POST', '/auth/join')).body.id;
    const gw = (await api(app.url, 'POST', '/gateway/create', { userId, body: { name: 'quota' } }))
      .body;
    const limit = Math.ceil(prompt.length / 4) + 20;
    const key = (
      await api(app.url, 'POST', `/gateway/${gw.gateway_id}/keys`, {
        userId,
        body: { name: 'q', limits: { input_tokens_per_day: limit } },
      })
    ).body.key as string;
    // The encoding is loaded by its first use (here a count), never at boot.
    await anthropic.messages.countTokens({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'x' }],
    });
    const client = new OpenAI({ baseURL: `${app.url}/v1`, apiKey: key, maxRetries: 0 });
    const refused = client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: prompt }],
    });
    await expect(refused).rejects.toBeInstanceOf(RateLimitError);
    expect(fake.requests.filter((r) => r.path === '/v1/chat/completions')).toEqual([]);
  });
});
