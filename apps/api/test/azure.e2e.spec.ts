import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import type { RunningServer } from '../src/server';
import { api, startTestApp } from './support/test-app';

interface Seen {
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

/** Azure OpenAI: the deployment is in the path, the version in the query, the key in `api-key`. */
function fakeAzure(seen: Seen[]): Server {
  return createServer((req, res) => {
    let text = '';
    req.on('data', (d: Buffer) => (text += d.toString()));
    req.on('end', () => {
      seen.push({ url: req.url ?? '', headers: req.headers, body: JSON.parse(text) });
      if (req.headers['api-key'] !== 'azure-key') {
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            error: { code: '401', message: 'Access denied due to invalid subscription key.' },
          }),
        );
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      if (req.url?.includes('/embeddings?')) {
        res.end(
          JSON.stringify({
            object: 'list',
            data: [{ object: 'embedding', index: 0, embedding: [0.5, 0.25] }],
            model: 'text-embedding-3-small',
            usage: { prompt_tokens: 2, total_tokens: 2 },
          }),
        );
        return;
      }
      res.end(
        JSON.stringify({
          id: 'chatcmpl-az',
          object: 'chat.completion',
          created: 1,
          model: 'gpt-4o-mini',
          choices: [
            {
              index: 0,
              message: { role: 'assistant', content: 'Hello from Azure' },
              finish_reason: 'stop',
            },
          ],
          usage: { prompt_tokens: 4, completion_tokens: 3, total_tokens: 7 },
        }),
      );
    });
  });
}

describe('Azure OpenAI upstream', () => {
  const seen: Seen[] = [];
  let server: Server;
  let app: RunningServer;
  let secret: string;

  beforeAll(async () => {
    server = fakeAzure(seen);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    app = await startTestApp({
      AZURE_API_KEY: 'azure-key',
      AZURE_BASE_URL: base,
      AZURE_API_VERSION: '2024-10-21',
    });
    const userId = (await api(app.url, 'POST', '/auth/join')).body.id;
    secret = (await api(app.url, 'POST', '/gateway/create', { userId, body: { name: 'azure' } }))
      .body.secret;
  });
  afterAll(async () => {
    await app?.close();
    server?.closeAllConnections();
    await new Promise((r) => server?.close(r));
  });

  it('calls the deployment URL with api-version and the api-key header from the OpenAI SDK', async () => {
    const client = new OpenAI({ baseURL: `${app.url}/v1`, apiKey: secret, maxRetries: 0 });
    const res = await client.chat.completions.create({
      model: 'azure/gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(res.choices[0].message.content).toBe('Hello from Azure');
    const last = seen.at(-1)!;
    expect(last.url).toBe(
      '/openai/deployments/gpt-4o-mini/chat/completions?api-version=2024-10-21',
    );
    expect(last.headers['api-key']).toBe('azure-key');
    expect(last.headers.authorization).toBeUndefined();
  });

  it("embeds through the deployment's embeddings URL", async () => {
    const client = new OpenAI({ baseURL: `${app.url}/v1`, apiKey: secret, maxRetries: 0 });
    const res = await client.embeddings.create({
      model: 'azure/text-embedding-3-small',
      input: 'hi',
      encoding_format: 'float',
    });
    expect(res.data[0].embedding).toEqual([0.5, 0.25]);
    const last = seen.at(-1)!;
    expect(last.url).toBe(
      '/openai/deployments/text-embedding-3-small/embeddings?api-version=2024-10-21',
    );
    expect(last.body).toEqual({
      model: 'text-embedding-3-small',
      input: 'hi',
      encoding_format: 'float',
    });
  });

  it('serves an Anthropic client from an Azure deployment', async () => {
    const client = new Anthropic({ baseURL: app.url, apiKey: secret, maxRetries: 0 });
    const msg = await client.messages.create({
      model: 'azure/gpt-4o-mini',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(msg.content).toEqual([
      expect.objectContaining({ type: 'text', text: 'Hello from Azure' }),
    ]);
    expect(msg.usage.input_tokens).toBe(4);
    expect(seen.at(-1)!.body.messages).toEqual([{ role: 'user', content: 'hi' }]);
  });
});
