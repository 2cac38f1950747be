import type { RunningServer } from '../src/server';
import { FakeProviders } from './support/fake-providers';
import { api, startTestApp } from './support/test-app';

// @google/genai always streams with alt=sse; REST clients that omit it get one JSON array, element by element.
describe('Gemini streamGenerateContent without alt=sse', () => {
  let app: RunningServer;
  let fake: FakeProviders;
  let secret: string;

  beforeAll(async () => {
    fake = await new FakeProviders().start();
    app = await startTestApp(fake.env());
    const userId = (await api(app.url, 'POST', '/auth/join')).body.id;
    secret = (
      await api(app.url, 'POST', '/gateway/create', { userId, body: { name: 'json-array' } })
    ).body.secret;
  });
  afterAll(async () => {
    await app?.close();
    await fake?.stop();
  });

  const body = { contents: [{ role: 'user', parts: [{ text: 'hi' }] }] };

  it.each(['gemini-2.5-flash', 'gpt-4o-mini', 'claude-sonnet-4-6'])(
    'streams a JSON array of GenerateContentResponse chunks from %s',
    async (model) => {
      const res = await fetch(
        `${app.url}/v1beta/models/${model}:streamGenerateContent?key=${secret}`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        },
      );
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('application/json');
      const chunks = JSON.parse(await res.text()) as {
        candidates?: { content: { parts: { text?: string }[] } }[];
      }[];
      expect(chunks.length).toBeGreaterThan(1);
      const text = chunks
        .flatMap((c) => c.candidates?.[0]?.content.parts.map((p) => p.text ?? '') ?? [])
        .join('');
      expect(text).toMatch(/^Hello from /);
    },
  );
});
