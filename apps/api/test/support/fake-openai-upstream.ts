import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: any;
}

export type Behaviour = (req: RecordedRequest, res: ServerResponse) => void | Promise<void>;

/**
 * A fake OpenAI-compatible provider on a random loopback port. Checks the bearer key the way the real
 * API does; answers with a scripted behaviour (default: a short completion, streamed when asked).
 */
export class FakeOpenAiUpstream {
  readonly requests: RecordedRequest[] = [];
  behaviour: Behaviour = defaultBehaviour;
  /** Resolves when a streamed response was closed by the gateway before it ended. */
  aborted = 0;
  private server!: Server;

  constructor(private readonly apiKey = 'sk-upstream-test') {}

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const recorded: RecordedRequest = {
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      body: text ? JSON.parse(text) : undefined,
    };
    this.requests.push(recorded);
    res.on('close', () => {
      if (!res.writableFinished) this.aborted++;
    });
    if (req.headers.authorization !== `Bearer ${this.apiKey}`) {
      sendJson(res, 401, {
        error: {
          message: 'Incorrect API key provided',
          type: 'invalid_request_error',
          code: 'invalid_api_key',
        },
      });
      return;
    }
    await this.behaviour(recorded, res);
  }
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload),
    ...headers,
  });
  res.end(payload);
}

export function completion(model: string, content: string) {
  return {
    id: 'chatcmpl-fake1',
    object: 'chat.completion',
    created: 1_763_900_000,
    model,
    choices: [
      { index: 0, message: { role: 'assistant', content }, finish_reason: 'stop', logprobs: null },
    ],
    usage: {
      prompt_tokens: 11,
      completion_tokens: 7,
      total_tokens: 18,
      prompt_tokens_details: { cached_tokens: 3 },
    },
  };
}

export function chunk(model: string, delta: Record<string, unknown>, finish: string | null = null) {
  return {
    id: 'chatcmpl-fake1',
    object: 'chat.completion.chunk',
    created: 1_763_900_000,
    model,
    choices: [{ index: 0, delta, finish_reason: finish }],
  };
}

export async function streamChunks(
  res: ServerResponse,
  model: string,
  words: string[],
  delayMs = 0,
  withUsage = true,
): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  const write = (obj: unknown) => res.write(`data: ${JSON.stringify(obj)}\n\n`);
  write(chunk(model, { role: 'assistant', content: '' }));
  for (const w of words) {
    if (res.destroyed) return;
    write(chunk(model, { content: w }));
    if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
  }
  write(chunk(model, {}, 'stop'));
  if (withUsage) {
    write({
      id: 'chatcmpl-fake1',
      object: 'chat.completion.chunk',
      created: 1_763_900_000,
      model,
      choices: [],
      usage: { prompt_tokens: 9, completion_tokens: words.length, total_tokens: 9 + words.length },
    });
  }
  res.end('data: [DONE]\n\n');
}

const defaultBehaviour: Behaviour = async (req, res) => {
  if (req.body?.stream) {
    await streamChunks(
      res,
      req.body.model,
      ['Hello', ' from', ' fake'],
      0,
      req.body.stream_options?.include_usage === true,
    );
  } else {
    sendJson(res, 200, completion(req.body.model, 'Hello from fake'));
  }
};
