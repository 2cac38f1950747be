import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  validateAnthropicRequest,
  validateGeminiRequest,
  validateOpenAIChatRequest,
} from '@gateway/converters';

export type ProviderFamily = 'openai' | 'anthropic' | 'gemini';

export interface ProviderRequest {
  family: ProviderFamily;
  method: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: any;
  /** What the real API would have rejected (empty when the request was valid). */
  problems: string[];
}

/** Answers one request instead of the scripted model; return false to fall back to the script. */
export type Interceptor = (
  req: ProviderRequest,
  res: ServerResponse,
) => boolean | void | Promise<boolean | void>;

export const FAKE_KEYS = {
  openai: 'sk-openai-fake',
  anthropic: 'sk-ant-fake',
  gemini: 'AIza-gemini-fake',
} as const;

/**
 * One usage for every family, written in each API's own semantics: 120 prompt tokens of which 100 were
 * read from the cache, and `output` generated tokens. OpenAI and Gemini count the cached tokens inside
 * the prompt; Anthropic's input_tokens excludes them.
 */
export const FAKE_USAGE = { prompt: 120, cached: 100, textOutput: 9, toolOutput: 18 } as const;

export const WEATHER_ARGS = { city: 'Paris' } as const;
export const THINKING_SIGNATURE = 'EqQBCkYIBRgCKkDsig-fake-provider-signature==';
// Streamed tool arguments arrive in several pieces, cut mid-token as real providers do.
const ARG_PIECES = ['{"ci', 'ty":"Pa', 'ris"}'];

type Answer =
  { kind: 'text'; text: string; thinking?: string } | { kind: 'tool'; thinking?: string };

/**
 * Fake upstreams of the three provider families on one random loopback port. Each path checks the
 * credentials the way the real API does and validates the body with the converters' validators
 * (400 in the real API's error shape). The model is scripted: a request that offers tools and carries
 * no tool result yet gets one `get_weather({"city":"Paris"})` call; otherwise text, "Hello from
 * <family>" or, after a tool result, "It is sunny in Paris". Every request is recorded.
 */
export class FakeProviders {
  readonly requests: ProviderRequest[] = [];
  /** Set by a test to answer the next requests itself (errors, broken streams). */
  intercept: Interceptor | undefined;
  /** Answers the paths no family of this fake serves, with the raw body (fake-endpoints.ts). */
  extra:
    ((req: IncomingMessage, res: ServerResponse, raw: Buffer) => void | Promise<void>) | undefined;
  private server!: Server;
  private counter = 0;

  get root(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Provider settings for the gateway's environment. */
  env(): Record<string, string> {
    return {
      OPENAI_API_KEY: FAKE_KEYS.openai,
      OPENAI_BASE_URL: `${this.root}/v1`,
      ANTHROPIC_API_KEY: FAKE_KEYS.anthropic,
      ANTHROPIC_BASE_URL: this.root,
      GEMINI_API_KEY: FAKE_KEYS.gemini,
      GEMINI_BASE_URL: this.root,
    };
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(err));
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  reset(): void {
    this.requests.length = 0;
    this.intercept = undefined;
  }

  /** The last recorded request of a family. */
  last(family: ProviderFamily): ProviderRequest | undefined {
    return this.requests.filter((r) => r.family === family).at(-1);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const text = raw.toString('utf8');
    const url = new URL(req.url ?? '/', 'http://fake');
    const family = familyOf(url.pathname);
    if (!family && this.extra) return this.extra(req, res, raw);
    if (!family) {
      sendJson(res, 404, { error: { message: `No route ${url.pathname}`, type: 'not_found' } });
      return;
    }
    let body: any;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    const recorded: ProviderRequest = {
      family,
      method: req.method ?? '',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
      problems: validate(family, url.pathname, body),
    };
    this.requests.push(recorded);
    if (!authorized(recorded)) {
      sendError(res, family, 401, 'invalid API key');
      return;
    }
    if (recorded.problems.length > 0) {
      sendError(res, family, 400, recorded.problems.join('; '));
      return;
    }
    if (this.intercept && (await this.intercept(recorded, res)) !== false) return;
    const id = ++this.counter;
    switch (family) {
      case 'openai':
        return url.pathname === '/v1/responses'
          ? this.responses(recorded, res, id)
          : this.chat(recorded, res, id);
      case 'anthropic':
        return url.pathname.endsWith('/count_tokens')
          ? sendJson(res, 200, { input_tokens: 57 })
          : this.messages(recorded, res, id);
      case 'gemini':
        if (url.pathname.endsWith(':countTokens')) {
          sendJson(res, 200, { totalTokens: 57 });
          return;
        }
        return this.gemini(recorded, res, id);
    }
  }

  // --- OpenAI Chat Completions -----------------------------------------------------------------

  private chat(req: ProviderRequest, res: ServerResponse, n: number): void {
    const answer = scriptOpenAiChat(req.body);
    const id = `chatcmpl-fake${n}`;
    const callId = `call_fake${n}`;
    const model = req.body.model;
    const output = answer.kind === 'tool' ? FAKE_USAGE.toolOutput : FAKE_USAGE.textOutput;
    const usage = {
      prompt_tokens: FAKE_USAGE.prompt,
      completion_tokens: output,
      total_tokens: FAKE_USAGE.prompt + output,
      prompt_tokens_details: { cached_tokens: FAKE_USAGE.cached, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0 },
    };
    const created = 1_763_900_000 + n;
    if (!req.body.stream) {
      const message =
        answer.kind === 'tool'
          ? {
              role: 'assistant',
              content: null,
              refusal: null,
              tool_calls: [
                {
                  id: callId,
                  type: 'function',
                  function: { name: 'get_weather', arguments: JSON.stringify(WEATHER_ARGS) },
                },
              ],
            }
          : { role: 'assistant', content: answer.text, refusal: null };
      sendJson(res, 200, {
        id,
        object: 'chat.completion',
        created,
        model,
        choices: [
          {
            index: 0,
            message,
            logprobs: null,
            finish_reason: answer.kind === 'tool' ? 'tool_calls' : 'stop',
          },
        ],
        usage,
        system_fingerprint: 'fp_fake',
      });
      return;
    }
    const sse = startSse(res);
    const chunk = (delta: unknown, finish: string | null = null) =>
      sse.data({
        id,
        object: 'chat.completion.chunk',
        created,
        model,
        system_fingerprint: 'fp_fake',
        choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
      });
    if (answer.kind === 'tool') {
      chunk({
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            index: 0,
            id: callId,
            type: 'function',
            function: { name: 'get_weather', arguments: '' },
          },
        ],
      });
      for (const piece of ARG_PIECES)
        chunk({ tool_calls: [{ index: 0, function: { arguments: piece } }] });
      chunk({}, 'tool_calls');
    } else {
      chunk({ role: 'assistant', content: '', refusal: null });
      for (const word of words(answer.text)) chunk({ content: word });
      chunk({}, 'stop');
    }
    if (req.body.stream_options?.include_usage === true) {
      sse.data({
        id,
        object: 'chat.completion.chunk',
        created,
        model,
        system_fingerprint: 'fp_fake',
        choices: [],
        usage,
      });
    }
    sse.raw('data: [DONE]\n\n');
    res.end();
  }

  // --- OpenAI Responses --------------------------------------------------------------------------

  private responses(req: ProviderRequest, res: ServerResponse, n: number): void {
    const answer = scriptResponses(req.body);
    const output = answer.kind === 'tool' ? FAKE_USAGE.toolOutput : FAKE_USAGE.textOutput;
    const respId = `resp_fake${n}`;
    const itemId = answer.kind === 'tool' ? `fc_fake${n}` : `msg_fake${n}`;
    const callId = `call_fake${n}`;
    const args = JSON.stringify(WEATHER_ARGS);
    const doneItem =
      answer.kind === 'tool'
        ? {
            id: itemId,
            type: 'function_call',
            status: 'completed',
            call_id: callId,
            name: 'get_weather',
            arguments: args,
          }
        : {
            id: itemId,
            type: 'message',
            status: 'completed',
            role: 'assistant',
            content: [{ type: 'output_text', text: answer.text, annotations: [], logprobs: [] }],
          };
    const envelope = (status: string, out: unknown[], usage: unknown) => ({
      id: respId,
      object: 'response',
      created_at: 1_763_900_000 + n,
      status,
      error: null,
      incomplete_details: null,
      instructions: req.body.instructions ?? null,
      max_output_tokens: req.body.max_output_tokens ?? null,
      model: req.body.model,
      output: out,
      parallel_tool_calls: true,
      previous_response_id: null,
      temperature: 1,
      tool_choice: 'auto',
      tools: req.body.tools ?? [],
      top_p: 1,
      usage,
    });
    const usage = {
      input_tokens: FAKE_USAGE.prompt,
      input_tokens_details: { cached_tokens: FAKE_USAGE.cached },
      output_tokens: output,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: FAKE_USAGE.prompt + output,
    };
    if (!req.body.stream) {
      sendJson(res, 200, envelope('completed', [doneItem], usage));
      return;
    }
    const sse = startSse(res);
    let seq = 0;
    const event = (type: string, fields: Record<string, unknown>) =>
      sse.event(type, { type, sequence_number: seq++, ...fields });
    event('response.created', { response: envelope('in_progress', [], null) });
    event('response.in_progress', { response: envelope('in_progress', [], null) });
    if (answer.kind === 'tool') {
      event('response.output_item.added', {
        output_index: 0,
        item: { ...doneItem, status: 'in_progress', arguments: '' },
      });
      for (const piece of ARG_PIECES)
        event('response.function_call_arguments.delta', {
          item_id: itemId,
          output_index: 0,
          delta: piece,
        });
      event('response.function_call_arguments.done', {
        item_id: itemId,
        output_index: 0,
        arguments: args,
      });
    } else {
      event('response.output_item.added', {
        output_index: 0,
        item: {
          id: itemId,
          type: 'message',
          status: 'in_progress',
          role: 'assistant',
          content: [],
        },
      });
      const part = { type: 'output_text', text: '', annotations: [], logprobs: [] };
      event('response.content_part.added', {
        item_id: itemId,
        output_index: 0,
        content_index: 0,
        part,
      });
      for (const word of words(answer.text))
        event('response.output_text.delta', {
          item_id: itemId,
          output_index: 0,
          content_index: 0,
          delta: word,
          logprobs: [],
        });
      event('response.output_text.done', {
        item_id: itemId,
        output_index: 0,
        content_index: 0,
        text: answer.text,
        logprobs: [],
      });
      event('response.content_part.done', {
        item_id: itemId,
        output_index: 0,
        content_index: 0,
        part: { ...part, text: answer.text },
      });
    }
    event('response.output_item.done', { output_index: 0, item: doneItem });
    event('response.completed', { response: envelope('completed', [doneItem], usage) });
    res.end();
  }

  // --- Anthropic Messages ------------------------------------------------------------------------

  private messages(req: ProviderRequest, res: ServerResponse, n: number): void {
    const answer = scriptAnthropic(req.body);
    const id = `msg_fake${n}`;
    const toolId = `toolu_fake${n}`;
    const output = answer.kind === 'tool' ? FAKE_USAGE.toolOutput : FAKE_USAGE.textOutput;
    const usage = {
      input_tokens: FAKE_USAGE.prompt - FAKE_USAGE.cached,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: FAKE_USAGE.cached,
      output_tokens: output,
      service_tier: 'standard',
    };
    const blocks: Record<string, unknown>[] = [];
    if (answer.thinking)
      blocks.push({ type: 'thinking', thinking: answer.thinking, signature: THINKING_SIGNATURE });
    if (answer.kind === 'tool')
      blocks.push({ type: 'tool_use', id: toolId, name: 'get_weather', input: WEATHER_ARGS });
    else blocks.push({ type: 'text', text: answer.text });
    const stopReason = answer.kind === 'tool' ? 'tool_use' : 'end_turn';
    const message = {
      id,
      type: 'message',
      role: 'assistant',
      model: req.body.model,
      content: blocks,
      stop_reason: stopReason,
      stop_sequence: null,
      usage,
    };
    if (!req.body.stream) {
      sendJson(res, 200, message, { 'request-id': `req_fake${n}` });
      return;
    }
    const sse = startSse(res, { 'request-id': `req_fake${n}` });
    sse.event('message_start', {
      type: 'message_start',
      message: {
        ...message,
        content: [],
        stop_reason: null,
        usage: { ...usage, output_tokens: 1 },
      },
    });
    sse.event('ping', { type: 'ping' });
    blocks.forEach((block, index) => {
      switch (block.type) {
        case 'thinking':
          sse.event('content_block_start', {
            type: 'content_block_start',
            index,
            content_block: { type: 'thinking', thinking: '', signature: '' },
          });
          for (const word of words(String(block.thinking)))
            sse.event('content_block_delta', {
              type: 'content_block_delta',
              index,
              delta: { type: 'thinking_delta', thinking: word },
            });
          sse.event('content_block_delta', {
            type: 'content_block_delta',
            index,
            delta: { type: 'signature_delta', signature: THINKING_SIGNATURE },
          });
          break;
        case 'tool_use':
          sse.event('content_block_start', {
            type: 'content_block_start',
            index,
            content_block: { type: 'tool_use', id: toolId, name: 'get_weather', input: {} },
          });
          for (const piece of ARG_PIECES)
            sse.event('content_block_delta', {
              type: 'content_block_delta',
              index,
              delta: { type: 'input_json_delta', partial_json: piece },
            });
          break;
        default:
          sse.event('content_block_start', {
            type: 'content_block_start',
            index,
            content_block: { type: 'text', text: '' },
          });
          for (const word of words(String(block.text)))
            sse.event('content_block_delta', {
              type: 'content_block_delta',
              index,
              delta: { type: 'text_delta', text: word },
            });
      }
      sse.event('content_block_stop', { type: 'content_block_stop', index });
    });
    sse.event('message_delta', {
      type: 'message_delta',
      delta: { stop_reason: stopReason, stop_sequence: null },
      usage: { output_tokens: output },
    });
    sse.event('message_stop', { type: 'message_stop' });
    res.end();
  }

  // --- Gemini generateContent ------------------------------------------------------------------------

  private gemini(req: ProviderRequest, res: ServerResponse, n: number): void {
    const answer = scriptGemini(req.body);
    const model = /models\/([^:]+):/.exec(req.path)?.[1] ?? 'unknown';
    const output = answer.kind === 'tool' ? FAKE_USAGE.toolOutput : FAKE_USAGE.textOutput;
    const usageMetadata = {
      promptTokenCount: FAKE_USAGE.prompt,
      cachedContentTokenCount: FAKE_USAGE.cached,
      candidatesTokenCount: output,
      totalTokenCount: FAKE_USAGE.prompt + output,
      promptTokensDetails: [{ modality: 'TEXT', tokenCount: FAKE_USAGE.prompt }],
    };
    const responseId = `gem-fake${n}`;
    const candidate = (parts: unknown[], finishReason?: string) => ({
      content: { role: 'model', parts },
      ...(finishReason ? { finishReason } : {}),
      index: 0,
    });
    if (!req.path.endsWith(':streamGenerateContent')) {
      const parts =
        answer.kind === 'tool'
          ? [{ functionCall: { name: 'get_weather', args: WEATHER_ARGS } }]
          : [{ text: answer.text }];
      sendJson(res, 200, {
        candidates: [candidate(parts, 'STOP')],
        usageMetadata,
        modelVersion: model,
        responseId,
      });
      return;
    }
    if (req.query.get('alt') !== 'sse') {
      sendError(res, 'gemini', 400, 'the fake only streams with alt=sse');
      return;
    }
    // Gemini's SSE: data-only events, CRLF framing, usage on every chunk, finishReason on the last.
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    const write = (obj: unknown) => res.write(`data: ${JSON.stringify(obj)}\r\n\r\n`);
    const partial = {
      promptTokenCount: FAKE_USAGE.prompt,
      totalTokenCount: FAKE_USAGE.prompt,
    };
    if (answer.kind === 'tool') {
      write({
        candidates: [
          candidate([{ functionCall: { name: 'get_weather', args: WEATHER_ARGS } }], 'STOP'),
        ],
        usageMetadata,
        modelVersion: model,
        responseId,
      });
    } else {
      const pieces = words(answer.text);
      pieces.forEach((piece, i) => {
        const last = i === pieces.length - 1;
        write({
          candidates: [candidate([{ text: piece }], last ? 'STOP' : undefined)],
          usageMetadata: last ? usageMetadata : partial,
          modelVersion: model,
          responseId,
        });
      });
    }
    res.end();
  }
}

// --- scripts: what the model "decides" --------------------------------------------------------------

function scripted(family: ProviderFamily, offersTools: boolean, hasToolResult: boolean): Answer {
  if (offersTools && !hasToolResult) return { kind: 'tool' };
  return { kind: 'text', text: hasToolResult ? 'It is sunny in Paris' : `Hello from ${family}` };
}

function scriptOpenAiChat(body: any): Answer {
  const messages: any[] = body.messages ?? [];
  return scripted(
    'openai',
    (body.tools ?? []).length > 0,
    messages.some((m) => m.role === 'tool'),
  );
}

function scriptResponses(body: any): Answer {
  const input: any[] = Array.isArray(body.input) ? body.input : [];
  return scripted(
    'openai',
    (body.tools ?? []).length > 0,
    input.some((i) => i.type === 'function_call_output'),
  );
}

function scriptAnthropic(body: any): Answer {
  const messages: any[] = body.messages ?? [];
  const hasResult = messages.some(
    (m) => Array.isArray(m.content) && m.content.some((b: any) => b.type === 'tool_result'),
  );
  const answer = scripted('anthropic', (body.tools ?? []).length > 0, hasResult);
  const thinking = body.thinking?.type === 'enabled' || body.thinking?.type === 'adaptive';
  return thinking
    ? { ...answer, thinking: hasResult ? 'The tool said sunny.' : 'I should check the weather.' }
    : answer;
}

function scriptGemini(body: any): Answer {
  const contents: any[] = body.contents ?? [];
  const offers = (body.tools ?? []).some((t: any) => (t.functionDeclarations ?? []).length > 0);
  const hasResult = contents.some((c) => (c.parts ?? []).some((p: any) => p.functionResponse));
  return scripted('gemini', offers, hasResult);
}

// --- wire helpers ------------------------------------------------------------------------------------

function familyOf(path: string): ProviderFamily | undefined {
  if (path === '/v1/chat/completions' || path === '/v1/responses') return 'openai';
  if (path === '/v1/messages' || path === '/v1/messages/count_tokens') return 'anthropic';
  if (/^\/v1beta\/models\/[^/:]+:(generateContent|streamGenerateContent|countTokens)$/.test(path))
    return 'gemini';
  return undefined;
}

function authorized(req: ProviderRequest): boolean {
  switch (req.family) {
    case 'openai':
      return req.headers.authorization === `Bearer ${FAKE_KEYS.openai}`;
    case 'anthropic':
      return (
        req.headers['x-api-key'] === FAKE_KEYS.anthropic &&
        typeof req.headers['anthropic-version'] === 'string'
      );
    case 'gemini':
      return (
        req.headers['x-goog-api-key'] === FAKE_KEYS.gemini ||
        req.query.get('key') === FAKE_KEYS.gemini
      );
  }
}

function validate(family: ProviderFamily, path: string, body: unknown): string[] {
  if (body === undefined || body === null || typeof body !== 'object')
    return ['The request body is not valid JSON'];
  switch (family) {
    case 'openai':
      return path === '/v1/responses'
        ? validateResponsesRequest(body as Record<string, unknown>)
        : validateOpenAIChatRequest(body);
    case 'anthropic':
      // count_tokens takes the same body without max_tokens.
      return path.endsWith('/count_tokens')
        ? validateAnthropicRequest({ max_tokens: 1, ...body }).filter(
            (p) => !p.startsWith('max_tokens must be greater'),
          )
        : validateAnthropicRequest(body);
    case 'gemini': {
      // :countTokens takes `contents`, or a whole request (with its model) in generateContentRequest.
      const wrapped = (body as Record<string, any>).generateContentRequest;
      if (!path.endsWith(':countTokens') || wrapped === undefined)
        return validateGeminiRequest(body);
      const { model, ...request } = wrapped as Record<string, unknown>;
      const problems = validateGeminiRequest(request);
      if (typeof model !== 'string' || !model.startsWith('models/'))
        problems.push('generateContentRequest.model must be models/{model}');
      return problems;
    }
  }
}

/** The Responses API's own checks that matter here: model, input, and call ids on outputs. */
function validateResponsesRequest(body: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (typeof body.model !== 'string' || body.model === '')
    problems.push("Missing required parameter: 'model'.");
  if (typeof body.input !== 'string' && !Array.isArray(body.input))
    problems.push("Missing required parameter: 'input'.");
  const input = Array.isArray(body.input) ? (body.input as Record<string, unknown>[]) : [];
  const calls = new Set(
    input.filter((i) => i.type === 'function_call').map((i) => String(i.call_id)),
  );
  input.forEach((item, i) => {
    if (item.type === 'function_call_output' && !calls.has(String(item.call_id)))
      problems.push(
        `No tool call found for function call output with call_id ${String(item.call_id)} (input[${i}]).`,
      );
  });
  return problems;
}

/** The error body each real API sends. */
export function errorBody(family: ProviderFamily, status: number, message: string): unknown {
  switch (family) {
    case 'openai':
      return {
        error: {
          message,
          type:
            status === 401
              ? 'invalid_request_error'
              : status === 429
                ? 'rate_limit_error'
                : status >= 500
                  ? 'server_error'
                  : 'invalid_request_error',
          param: null,
          code: status === 401 ? 'invalid_api_key' : status === 429 ? 'rate_limit_exceeded' : null,
        },
      };
    case 'anthropic':
      return {
        type: 'error',
        error: {
          type:
            status === 401
              ? 'authentication_error'
              : status === 429
                ? 'rate_limit_error'
                : status === 529
                  ? 'overloaded_error'
                  : status >= 500
                    ? 'api_error'
                    : 'invalid_request_error',
          message,
        },
      };
    case 'gemini':
      return {
        error: {
          code: status,
          message,
          status:
            status === 401
              ? 'UNAUTHENTICATED'
              : status === 429
                ? 'RESOURCE_EXHAUSTED'
                : status === 503
                  ? 'UNAVAILABLE'
                  : status >= 500
                    ? 'INTERNAL'
                    : 'INVALID_ARGUMENT',
        },
      };
  }
}

export function sendError(
  res: ServerResponse,
  family: ProviderFamily,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, errorBody(family, status, message), headers);
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

/** Opens an SSE response; `event` writes a named event (OpenAI Responses, Anthropic), `data` an unnamed one. */
export function startSse(res: ServerResponse, headers: Record<string, string> = {}) {
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    ...headers,
  });
  return {
    event: (name: string, obj: unknown) =>
      res.write(`event: ${name}\ndata: ${JSON.stringify(obj)}\n\n`),
    data: (obj: unknown) => res.write(`data: ${JSON.stringify(obj)}\n\n`),
    raw: (text: string) => res.write(text),
  };
}

/** "Hello from openai" → ["Hello", " from", " openai"]: the pieces a stream delivers. */
function words(text: string): string[] {
  return text.split(/(?= )/);
}
