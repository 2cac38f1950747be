import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const FAKE_ANSWER = ['Hello', ' from', ' the', ' fake', ' upstream', '.'];
export const FAKE_USAGE = { prompt_tokens: 21, completion_tokens: 6, total_tokens: 27 };
/** What `GET /v1/models` lists, for the dashboard's "test connection" and "fetch models". */
export const FAKE_MODELS = ['gpt-4o-mini', 'gpt-4o', 'fake-model-1'];

export interface FakeUpstream {
  baseUrl: string;
  requests: { path: string; body: Record<string, unknown> }[];
  close: () => Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (text += chunk));
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });
}

/**
 * An OpenAI-compatible upstream on a random port: streams a fixed answer in a few chunks, with usage;
 * embeds anything as one short vector.
 */
export async function startFakeUpstream(): Promise<FakeUpstream> {
  const requests: FakeUpstream['requests'] = [];
  const server: Server = createServer((req, res) => {
    void (async () => {
      const raw = await readBody(req);
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      requests.push({ path: req.url ?? '', body });
      if (req.method === 'GET' && req.url?.endsWith('/models')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            object: 'list',
            data: FAKE_MODELS.map((id) => ({ id, object: 'model', owned_by: 'fake' })),
          }),
        );
        return;
      }
      if (req.method === 'POST' && req.url?.endsWith('/embeddings')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            object: 'list',
            data: [{ object: 'embedding', index: 0, embedding: [0.25, 0.5] }],
            model: body.model,
            usage: { prompt_tokens: 3, total_tokens: 3 },
          }),
        );
        return;
      }
      if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            error: { message: `no route ${req.url}`, type: 'invalid_request_error' },
          }),
        );
        return;
      }
      const model = String(body.model ?? 'gpt-4o-mini');
      const base = {
        id: 'chatcmpl-fake',
        object: 'chat.completion.chunk',
        created: Math.floor(Date.now() / 1000),
        model,
      };
      if (!body.stream) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            ...base,
            object: 'chat.completion',
            choices: [
              {
                index: 0,
                message: { role: 'assistant', content: FAKE_ANSWER.join('') },
                finish_reason: 'stop',
              },
            ],
            usage: FAKE_USAGE,
          }),
        );
        return;
      }
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
      });
      const send = (payload: unknown) => res.write(`data: ${JSON.stringify(payload)}\n\n`);
      send({
        ...base,
        choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }],
      });
      // A prompt containing "slow" streams for ~20 s so the playground's Stop button can be exercised.
      const slow = JSON.stringify(body.messages ?? '').includes('slow');
      const pieces = slow ? Array.from({ length: 40 }, (_, i) => `${i} `) : FAKE_ANSWER;
      for (const piece of pieces) {
        if (res.destroyed || res.writableEnded) return;
        await new Promise((r) => setTimeout(r, slow ? 500 : 40));
        send({ ...base, choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] });
      }
      send({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] });
      send({ ...base, choices: [], usage: FAKE_USAGE });
      res.end('data: [DONE]\n\n');
    })().catch((error: unknown) => {
      res.writeHead(500);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
