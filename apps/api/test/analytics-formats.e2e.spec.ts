import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import type { RunningServer } from '../src/server';
import { FakeProviders } from './support/fake-providers';
import { api, startTestApp } from './support/test-app';

describe('analytics records every client format', () => {
  let app: RunningServer;
  let fake: FakeProviders;

  beforeAll(async () => {
    fake = await new FakeProviders().start();
    app = await startTestApp(fake.env());
  });
  afterAll(async () => {
    await app?.close();
    await fake?.stop();
  });

  it('shows a request from each SDK in the logs within 2 s, with its format, provider and tokens', async () => {
    const userId = (await api(app.url, 'POST', '/auth/join')).body.id;
    const gw = (
      await api(app.url, 'POST', '/gateway/create', { userId, body: { name: 'formats' } })
    ).body;
    const openai = new OpenAI({ baseURL: `${app.url}/v1`, apiKey: gw.secret, maxRetries: 0 });
    await openai.chat.completions.create({
      model: 'claude-sonnet-4-6',
      messages: [{ role: 'user', content: 'hi' }],
    });
    await openai.responses.create({ model: 'gemini-2.5-flash', input: 'hi' });
    const anthropic = new Anthropic({ baseURL: app.url, apiKey: gw.secret, maxRetries: 0 });
    await anthropic.messages.create({
      model: 'gpt-4o-mini',
      max_tokens: 50,
      messages: [{ role: 'user', content: 'hi' }],
    });
    const genai = new GoogleGenAI({ apiKey: gw.secret, httpOptions: { baseUrl: app.url } });
    await genai.models.generateContent({ model: 'gpt-4o-mini', contents: 'hi' });

    const started = Date.now();
    let items: { client_format: string; provider: string; tokens_in: number; status: number }[] =
      [];
    while (Date.now() - started < 2000) {
      items = (await api(app.url, 'GET', `/analytics/gateway/${gw.gateway_id}/logs`, { userId }))
        .body.items;
      if (items.length === 4) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(items).toHaveLength(4);
    const byFormat = Object.fromEntries(items.map((i) => [i.client_format, i]));
    expect(Object.keys(byFormat).sort()).toEqual([
      'anthropic-messages',
      'gemini',
      'openai-chat',
      'openai-responses',
    ]);
    expect(byFormat['openai-chat'].provider).toBe('anthropic');
    expect(byFormat['openai-responses'].provider).toBe('gemini');
    expect(byFormat['anthropic-messages'].provider).toBe('openai');
    for (const i of items) {
      expect(i.status).toBe(200);
      expect(i.tokens_in).toBeGreaterThan(0);
    }
  });
});
