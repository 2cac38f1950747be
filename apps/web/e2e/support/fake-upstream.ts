import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fakePng, fakeWav } from './fake-media';

export const FAKE_ANSWER = ['Hello', ' from', ' the', ' fake', ' upstream', '.'];
export const FAKE_USAGE = { prompt_tokens: 21, completion_tokens: 6, total_tokens: 27 };
/** What `GET /v1/models` lists, for the dashboard's "test connection" and "fetch models". */
export const FAKE_MODELS = ['gpt-4o-mini', 'gpt-4o', 'fake-model-1'];

export interface FakeUpstream {
  baseUrl: string;
  /** `body` is the parsed JSON body (empty for uploads: see `contentType` and `bytes`). */
  requests: {
    path: string;
    body: Record<string, unknown>;
    contentType?: string;
    /** An upload's bytes as received. */
    raw?: Buffer;
  }[];
  close: () => Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** What `/audio/transcriptions` hears in any upload (2 seconds of it). */
export const FAKE_TRANSCRIPT = 'Hello from the fake transcription.';
export { fakeWav };

/** Images answered by `/images/generations`, as `b64_json`. */
export const FAKE_IMAGES = [
  fakePng(64, [79, 70, 229], [236, 72, 153]).toString('base64'),
  fakePng(64, [16, 185, 129], [245, 158, 11]).toString('base64'),
];

/**
 * A short vector per text, from its letters: texts sharing words point the same way, so a cosine
 * table of them is not all ones.
 */
export function fakeEmbedding(text: string): number[] {
  const vector = Array.from({ length: 8 }, () => 0);
  for (const word of text.toLowerCase().match(/[a-z]+/g) ?? [])
    vector[(word.charCodeAt(0) + word.length) % 8] += 1;
  return vector;
}

function base64Floats(values: number[]): string {
  return Buffer.from(new Float32Array(values).buffer).toString('base64');
}

/**
 * An OpenAI-compatible upstream on a random port: streams a fixed answer in a few chunks, with usage;
 * embeds each input as a short vector (floats or base64, as asked); generates the asked number of
 * images as `b64_json`; speaks a short WAV tone; transcribes any upload as FAKE_TRANSCRIPT.
 */
export async function startFakeUpstream(): Promise<FakeUpstream> {
  const requests: FakeUpstream['requests'] = [];
  const server: Server = createServer((req, res) => {
    void (async () => {
      const raw = await readBody(req);
      const contentType = req.headers['content-type'] ?? '';
      const json = raw.length > 0 && !contentType.startsWith('multipart/');
      const body = json ? (JSON.parse(raw.toString('utf8')) as Record<string, unknown>) : {};
      requests.push({ path: req.url ?? '', body, contentType, ...(json ? {} : { raw }) });
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
        const inputs = (Array.isArray(body.input) ? body.input : [body.input]).map(String);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            object: 'list',
            data: inputs.map((text, index) => {
              const vector = fakeEmbedding(text);
              return {
                object: 'embedding',
                index,
                embedding: body.encoding_format === 'base64' ? base64Floats(vector) : vector,
              };
            }),
            model: body.model,
            usage: { prompt_tokens: 3 * inputs.length, total_tokens: 3 * inputs.length },
          }),
        );
        return;
      }
      if (req.method === 'POST' && req.url?.endsWith('/images/generations')) {
        const n = typeof body.n === 'number' ? body.n : 1;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            created: Math.floor(Date.now() / 1000),
            data: Array.from({ length: n }, (_, i) => ({
              b64_json: FAKE_IMAGES[i % FAKE_IMAGES.length],
              revised_prompt: `${String(body.prompt)}, as a diagonal split`,
            })),
          }),
        );
        return;
      }
      if (req.method === 'POST' && req.url?.endsWith('/audio/speech')) {
        const audio = fakeWav(0.5);
        res.writeHead(200, { 'content-type': 'audio/wav', 'content-length': audio.length });
        res.end(audio);
        return;
      }
      if (req.method === 'POST' && req.url?.endsWith('/audio/transcriptions')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ text: FAKE_TRANSCRIPT, usage: { type: 'duration', seconds: 2 } }));
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
